import { beforeEach, describe, expect, it } from "vitest";
import { createUsersApp } from "../../../src/users/api/users.app.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";
import type { Json } from "../../support/json.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

/**
 * Two conflicting membership changes, ordered on purpose: the cancellation makes its external call,
 * then waits while a pause is recorded; only then does it try to write. Exactly one may win.
 */
describe("conflicting membership changes", () => {
  const subs = useSubscriptionService();
  const payments = subs.payments;
  let s: Awaited<ReturnType<typeof buildTestServices>>;
  let app: ReturnType<typeof createUsersApp>;
  const call = httpClient(() => app);
  let ada: string;

  beforeEach(async () => {
    s = await buildTestServices({ payments: payments.forUsers, subscriptions: subs.forUsers });
    app = s.app;
    await payments.attachCard("auth0|ada");
    ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
    await call("/users/create", { method: "POST", token: ada, body: { user_email: "ada@example.com" } });
    expect((await call("/auth0%7Cada/user/activate", { method: "POST", token: ada, body: {} })).status).toBe(
      200,
    );
  });

  it("answers 409 to the change that read the membership before the other was recorded, and undoes its call", async () => {
    let release = () => {};
    const paused = new Promise<void>((done) => {
      release = done;
    });
    const sandbox = s.sandboxes.subscriptions;
    const subscriptions = new Proxy(sandbox, {
      get: (target, name) =>
        name === "cancel"
          ? async (...args: Parameters<typeof sandbox.cancel>) => {
              const answer = await target.cancel(...args);
              await paused;
              return answer;
            }
          : Reflect.get(target, name).bind(target),
    });
    const slowCancel = createUsersApp({
      ...s.services,
      membershipStatus: { ...s.services.membershipStatus, subscriptions },
    });
    const cancelling = slowCancel.request("/auth0%7Cada/membership/cancel", {
      method: "POST",
      headers: { authorization: `Bearer ${ada}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "race" }),
    });
    const pause = await call("/auth0%7Cada/membership/pause", {
      method: "POST",
      token: ada,
      body: { membership_pause_duration_months: 1 },
    });
    expect(pause.status).toBe(200);
    release();
    const cancel = await cancelling;
    expect(cancel.status).toBe(409);
    expect(((await cancel.json()) as Json).detail).toBe(
      "another change to the membership came first (it is now SUB_PENDING_PAUSE); read it and decide again",
    );
    const timeline = await jsonOf(call("/auth0%7Cada/memberships", { token: ada }));
    expect(timeline.items.map((m: { membership_event_type: string }) => m.membership_event_type)).toEqual([
      "SUB_PAUSED",
      "ACTIVATE",
    ]);
    // The cancellation's call was undone and the winner's pause asked for again: the service pauses, and
    // does not cancel.
    const subscription = await subs.subscriptionOf("auth0|ada");
    expect(subscription?.pause).toMatchObject({ months: 1 });
    expect(subscription).not.toHaveProperty("cancelAt");
  });
});
