import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { SUBSCRIPTION_BUS_EVENTS } from "../../src/contracts/subscriptions/catalog.events.ts";
import { FULFILMENT_BUS_EVENTS } from "../../src/contracts/subscriptions/fulfilment.events.ts";
import { SubscriptionNotification } from "../../src/contracts/subscriptions/notification.message.ts";
import { SubscriptionRecordSchema } from "../../src/contracts/subscriptions/subscriptions.message.ts";
import type { LocalIssuer } from "../../src/platform/adapters/embedded/local-issuer.ts";
import type { ManualClock } from "../../src/platform/time/clock.port.ts";
import { MembershipsHttpClient } from "../../src/subscriptions/adapters/http/memberships.http.ts";
import { membershipView } from "../../src/subscriptions/api/membership.views.ts";
import { buildTestSubscriptions } from "../../src/subscriptions/wiring/test-subscriptions.ts";
import type { BillingRunOptions } from "../../src/subscriptions/workers/billing-run.worker.ts";
import { SubscriptionServiceHttpClient } from "../../src/users/adapters/http/subscription-service.http.ts";
import { subscriptionFromWire } from "../../src/users/adapters/http/subscription-service.mapper.ts";
import type { Subscription, SubscriptionService } from "../../src/users/ports/subscription-service.port.ts";
import { migratedSubscriptions } from "../suites/subscriptions/subscription-schema-fixtures.ts";
import type { Json } from "./json.ts";
import { type TestPaymentService, usePaymentService } from "./payment-service.ts";

export interface SubscriptionParts {
  readonly clock: ManualClock;
  readonly issuer: LocalIssuer;
  /** The User Service's app, for billing's calls back to it; without it they are only recorded. */
  readonly users?: { fetch(request: Request): Response | Promise<Response> };
}

type Built = ReturnType<typeof buildTestSubscriptions> & SubscriptionParts;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The tests' fault switch between the User Service's client and the Subscription Service: a call for a
 * user id containing `subs-down` is answered 503 (the service unavailable), `subs-fail` 500 (it broke),
 * before it reaches the service; every other call goes through.
 */
export function withFaults(send: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    if (path.includes("subs-down")) return Response.json({ message: "Service Unavailable" }, { status: 503 });
    if (path.includes("subs-fail")) return Response.json({ message: "boom" }, { status: 500 });
    return send(request);
  };
}

/**
 * Roster's real Subscription Service for every test of the enclosing file or `describe`: one migrated
 * database per file (emptied before each test), billing through the real Payment Service
 * (`usePaymentService`, registered here unless one is given), built on each test's clock and issuer.
 * `advance` moves the clock and runs a scheduler tick, as time passing does on the local process.
 */
export function useSubscriptionService(options: { readonly payments?: TestPaymentService } = {}) {
  const payments = options.payments ?? usePaymentService();
  let fixture: Awaited<ReturnType<typeof migratedSubscriptions>> | undefined;
  let built: Built | undefined;
  beforeAll(async () => {
    fixture = await migratedSubscriptions(8);
  });
  afterAll(async () => {
    await fixture?.drop();
  });
  beforeEach(async () => {
    built = undefined;
    await fixture?.reset();
  });
  const current = (): Built => {
    if (!built) throw new Error("no Subscription Service yet: call build (or forUsers) in the test first");
    return built;
  };
  const build = (parts: SubscriptionParts): Built => {
    if (!fixture) throw new Error("the Subscription Service's database is made in beforeAll");
    // The Payment Service on the same clock and issuer: the one built for these parts, else a new one.
    const paying = (() => {
      try {
        return payments.current();
      } catch {
        return undefined;
      }
    })();
    if (paying?.clock !== parts.clock || paying?.issuer !== parts.issuer) payments.forUsers(parts);
    const paymentsApp = payments.current().app;
    const users = parts.users;
    built = {
      ...buildTestSubscriptions({
        db: fixture.db,
        clock: parts.clock,
        issuer: parts.issuer,
        payments: { fetch: async (request) => paymentsApp.fetch(request) },
        ...(users
          ? {
              memberships: new MembershipsHttpClient({
                baseUrl: "http://roster.test/",
                bearer: () =>
                  parts.issuer.issue({ kind: "service", id: "subscription-service" }, parts.clock.now()),
                send: async (request) => users.fetch(request),
                timeoutMs: 5_000,
                clock: parts.clock,
                logger: { warn: () => {} },
              }),
            }
          : {}),
      }),
      ...parts,
    };
    return built as Built;
  };
  const serviceToken = () => current().issuer.issue({ kind: "service", id: "test" }, current().clock.now());
  return {
    payments,
    build,
    current,
    /** For `buildTestServices({ subscriptions })`: the User Service's own client on this service's app. */
    forUsers(parts: SubscriptionParts): SubscriptionService {
      const { app } = build(parts);
      return new SubscriptionServiceHttpClient({
        baseUrl: "http://roster.test/subscriptions/",
        bearer: () => parts.issuer.issue({ kind: "service", id: "user-service" }, parts.clock.now()),
        send: withFaults(async (request) => app.fetch(request)),
        timeoutMs: 5_000,
        clock: parts.clock,
        logger: { warn: () => {} },
      });
    },
    /** Every record the current test's service sent parses with the contract's schemas (stream, bus, notices). */
    expectRecordsOnContract() {
      const { streamed, published, notices } = current();
      for (const { record } of streamed) SubscriptionRecordSchema.parse(record);
      for (const notice of notices) SubscriptionNotification.parse(notice);
      const busEvents = { ...SUBSCRIPTION_BUS_EVENTS, ...FULFILMENT_BUS_EVENTS };
      for (const event of published) {
        const schema = busEvents[event.detailType as keyof typeof busEvents];
        expect(schema, event.detailType).toBeDefined();
        schema.parse(event.detail);
      }
    },
    /** The user's subscription as the User Service's contract shows it, or undefined. */
    async subscriptionOf(userId: string): Promise<Subscription | undefined> {
      const s = await current().services.subscriptions.store.latestOf(userId);
      return s && subscriptionFromWire(membershipView(s));
    },
    /** The member pays with this Stripe test card from now on: attached, then made their default method. */
    async payWith(userId: string, card: string) {
      const method = (await payments.attachCard(userId, card)) as { method_id: string };
      const { issuer, clock } = current();
      const token = await issuer.issue({ kind: "service", id: "test" }, clock.now());
      const res = await payments
        .current()
        .app.request(
          `/payments/users/${encodeURIComponent(userId)}/payment-methods/${method.method_id}/default`,
          { method: "POST", headers: { authorization: `Bearer ${token}` } },
        );
      if (res.status !== 200) throw new Error(`making ${card} the default answered ${res.status}`);
    },
    /** One scheduler tick at the clock's time: the runner (with `run`'s options), the follow-ups, the relay. */
    tick: (run?: BillingRunOptions) => current().tick(run),
    /** Moves the clock by whole days, one day and one tick at a time (as the local scheduler would see it). */
    async advanceDays(days: number) {
      for (let day = 0; day < days; day++) {
        current().clock.advance(DAY_MS);
        await current().tick();
      }
    },
    /** A call to the service's API as `test` (a service), or with the token given. */
    async call(path: string, init: { method?: string; body?: unknown; key?: string; token?: string } = {}) {
      const res = await current().app.request(path, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${init.token ?? (await serviceToken())}`,
          ...(init.key ? { "idempotency-key": init.key } : {}),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return { status: res.status, body: (await res.json()) as Json };
    },
    /** The `updated_event`s the stream got for a user, in order. */
    updates(userId: string): string[] {
      return current()
        .streamed.filter((r) => r.partitionKey === userId)
        .map((r) => (r.record as { payload: { updated_event: string } }).payload.updated_event);
    },
    sql: () => {
      if (!fixture) throw new Error("no database yet");
      return fixture.db;
    },
  };
}
