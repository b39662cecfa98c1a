import { expect } from "vitest";
import { RecordingMetrics } from "../../../src/platform/adapters/embedded/recording.metrics.ts";
import { TableStorePersistenceLayer } from "../../../src/platform/idempotency/table-store.persistence.ts";
import { SandboxAnalytics } from "../../../src/users/adapters/sandbox/analytics.sandbox.ts";
import type { Analytics } from "../../../src/users/ports/analytics.port.ts";
import type { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import type { SubscriptionsWorkerDeps } from "../../../src/users/workers/subscriptions.worker.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";
import type { TestPaymentService } from "../../support/payment-service.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

/**
 * Members brought into a state through the API, as a person would: a Stripe test card attached at
 * Roster's Payment Service, then the User Service's API (the sandboxes answer the happy path).
 */
export function members(s: () => Services, payments: Pick<TestPaymentService, "attachCard">) {
  const call = httpClient(() => s().app);
  const at = (id: string, path: string) => `/${encodeURIComponent(id)}${path}`;
  const tokenOf = (id: string) => s().token({ kind: "user", id, mfa: true });
  const operator = () => s().token({ kind: "operator", id: "mx-test" });

  async function active(id: string): Promise<void> {
    const token = await tokenOf(id);
    const email = `${id.replace(/[^a-z0-9]/g, "")}@example.com`;
    const created = await call("/users/create", { method: "POST", token, body: { user_email: email } });
    expect(created.status).toBe(201);
    await payments.attachCard(id);
    const activated = await call(at(id, "/user/activate"), {
      method: "POST",
      token,
      body: { membership_tier: "plus" },
    });
    expect(activated.status).toBe(200);
    s().clock.advance(1_000);
  }

  async function pausing(id: string): Promise<void> {
    await active(id);
    const paused = await call(at(id, "/membership/pause"), {
      method: "POST",
      token: await tokenOf(id),
      body: { membership_pause_duration_months: 2 },
    });
    expect(paused.status).toBe(200);
    s().clock.advance(1_000);
  }

  /** A member who closed their account through the API: answers the cleanup message it queued. */
  async function closed(id: string) {
    await active(id);
    const answer = await call(at(id, "/membership/close-account"), {
      method: "POST",
      token: await tokenOf(id),
      body: { reason: "moving" },
    });
    expect(answer.status).toBeLessThan(300);
    const queued = s()
      .cleanup.messages()
      .find((m) => m.message.user_id === id);
    if (!queued) throw new Error(`no cleanup message for ${id}`);
    return queued.message;
  }

  const timeline = async (id: string) =>
    (await jsonOf(call(at(id, "/memberships"), { token: await operator() }))).items as Record<
      string,
      unknown
    >[];
  const user = async (id: string) => jsonOf(call(at(id, "/user"), { token: await operator() }));

  return { active, pausing, closed, timeline, user };
}

/** The subscriptions worker's dependencies on the test services, with a Segment sandbox and recorded metrics. */
export function subscriptionsWorkerDeps(s: Services, analytics?: Analytics) {
  const segment = new SandboxAnalytics({ store: s.store, clock: s.clock });
  const metrics = new RecordingMetrics();
  const deps: SubscriptionsWorkerDeps = {
    ...s.services.lifecycle,
    logger: s.services.logger,
    analytics: analytics ?? segment,
    metrics,
    // Powertools stamps idempotency records with the wall clock, so the layer compares with it too.
    idempotency: new TableStorePersistenceLayer({ store: s.store }),
  };
  return { deps, segment, metrics };
}
