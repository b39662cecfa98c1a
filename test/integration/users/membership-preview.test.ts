import { beforeEach, describe, expect, it } from "vitest";
import { buildTestServices, TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;
const DAY = 86_400_000;

/**
 * GET /{user_id}/membership/preview/{change} against Roster's real Subscription and Payment Services:
 * what the console shows before an operator changes a membership, which must be what the change does.
 */
describe("previewing a membership change", () => {
  let s: Services;
  const subscriptions = useSubscriptionService();
  const payments = subscriptions.payments;
  const call = httpClient(() => s.app);
  let operator: string;

  beforeEach(async () => {
    s = await buildTestServices({ payments: payments.forUsers, subscriptions: subscriptions.forUsers });
    operator = await s.token({ kind: "operator", id: "mx-kim" });
  });

  const member = async (name: string, body: Record<string, unknown> = {}) => {
    await payments.attachCard(`auth0|${name}`);
    const token = await s.token({ kind: "user", id: `auth0|${name}`, mfa: true });
    expect(
      (await call("/users/create", { method: "POST", token, body: { user_email: `${name}@example.com` } }))
        .status,
    ).toBe(201);
    expect((await call(`/auth0%7C${name}/user/activate`, { method: "POST", token, body })).status).toBe(200);
    return `/auth0%7C${name}`;
  };
  const preview = async (path: string, change: string, tier?: string, token = operator) => {
    const res = await call(`${path}/membership/preview/${change}${tier ? `?membership_tier=${tier}` : ""}`, {
      token,
    });
    return { status: res.status, body: await res.json() };
  };

  it("shows an upgrade's prorated fee now, and the upgrade charges exactly that", async () => {
    const path = await member("ada");
    s.clock.set(new Date(Date.parse(TEST_NOW) + 10 * DAY));
    operator = await s.token({ kind: "operator", id: "mx-kim" });
    const seen = await preview(path, "upgrade", "premium");
    expect(seen).toEqual({
      status: 200,
      body: {
        change: "upgrade",
        allowed: true,
        from_tier: "plus",
        to_tier: "premium",
        effective: "now",
        period: {
          start: TEST_NOW,
          end: "2026-12-22T09:30:00.000Z",
          price_cents: 999,
          currency: "USD",
          term: "MONTHLY",
          tier: "plus",
          tier_version: "v1",
        },
        // 20 days left of a 30-day period: (1999 - 999) * 20 / 30 = 666.67.
        charge_now_cents: 667,
        renewal_price_cents: 1999,
        currency: "USD",
      },
    });
    expect(await payments.ledger("auth0|ada"), "a preview charges nothing").toEqual([]);
    const upgraded = await call(`${path}/membership/upgrade`, {
      method: "POST",
      token: operator,
      body: { membership_tier: "premium" },
    });
    expect(upgraded.status).toBe(200);
    expect(await payments.ledger("auth0|ada")).toMatchObject([{ kind: "CHARGE", amountCents: 667 }]);
  });

  it("shows a downgrade taking effect at the period's end, charging nothing, and refuses the wrong way in the change's words", async () => {
    const path = await member("bea", { membership_tier: "premium" });
    const down = await preview(path, "downgrade", "plus");
    expect(down.body).toMatchObject({
      allowed: true,
      from_tier: "premium",
      to_tier: "plus",
      effective: "2026-12-22T09:30:00.000Z",
      charge_now_cents: 0,
      renewal_price_cents: 999,
    });
    const up = await preview(path, "upgrade", "plus");
    expect(up.body).toMatchObject({ allowed: false, charge_now_cents: 0 });
    const refused = await call(`${path}/membership/upgrade`, {
      method: "POST",
      token: operator,
      body: { membership_tier: "plus" },
    });
    expect(up.body.refusal).toBe((await refused.json()).detail);
  });

  it("shows the float balance that refuses a cancellation, in the words the cancellation refuses with", async () => {
    const owes = await member("cy-float-owes");
    const blocked = await preview(owes, "cancel");
    expect(blocked.body).toMatchObject({
      change: "cancel",
      allowed: false,
      float_balance_cents: 2500,
      currency: "USD",
      effective: "2026-12-22T09:30:00.000Z",
    });
    const refused = await call(`${owes}/membership/cancel`, {
      method: "POST",
      token: operator,
      body: { reason: "moving" },
    });
    expect(refused.status).toBe(409);
    expect(blocked.body.refusal).toBe((await refused.json()).detail);

    const free = await member("dee");
    expect((await preview(free, "cancel")).body).toMatchObject({ allowed: true, float_balance_cents: 0 });
    expect(
      (await jsonOf(call(`${free}/membership`, { token: operator }))).membership_status,
      "a preview changes nothing",
    ).toBe("SUB_ACTIVE");
  });

  it("says what the lifecycle refuses, and answers 400, 403, 404 and 422 as the change would", async () => {
    await payments.attachCard("auth0|eve");
    const eve = await s.token({ kind: "user", id: "auth0|eve", mfa: true });
    await call("/users/create", { method: "POST", token: eve, body: { user_email: "eve@example.com" } });
    expect((await preview("/auth0%7Ceve", "upgrade", "premium")).body).toMatchObject({
      allowed: false,
      refusal: "cannot upgrade while the user is PROCESSING",
    });
    const path = await member("fay");
    expect((await preview(path, "upgrade")).status).toBe(400);
    expect((await preview(path, "pause")).status).toBe(400);
    expect((await preview(path, "upgrade", "premium", eve)).status).toBe(403);
    expect(
      (await preview(path, "upgrade", "premium", await s.token({ kind: "user", id: "auth0|fay", mfa: true })))
        .status,
    ).toBe(200);
    expect((await preview("/auth0%7Cnobody", "cancel")).status).toBe(404);
    expect((await preview(path, "upgrade", "gold")).status).toBe(422);
  });
});
