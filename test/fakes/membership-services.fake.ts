import { z } from "zod";
import { openSqlite } from "../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { DependencyError, UnavailableError } from "../../src/platform/errors/app.errors.ts";
import { ManualClock } from "../../src/platform/time/clock.port.ts";
import { sequentialIds } from "../../src/platform/time/id-generator.port.ts";
import {
  periodToWire,
  subscriptionToWire,
} from "../../src/users/adapters/http/subscription-service.mapper.ts";
import { SandboxFloatService } from "../../src/users/adapters/sandbox/float-service.sandbox.ts";
import { SandboxSubscriptionService } from "../../src/users/adapters/sandbox/subscription-service.sandbox.ts";
import { SandboxUnderwritingService } from "../../src/users/adapters/sandbox/underwriting-service.sandbox.ts";
import { TEST_NOW } from "../../src/users/wiring/test-services.ts";
import { type Answer, LoopbackServer, type Received } from "../support/loopback-server.ts";
import { signedByKnownCaller } from "./transactions-service.fake.ts";

type Sandboxes = ReturnType<typeof sandboxes>;
type Route = (s: Sandboxes, id: string, body: Record<string, unknown>, key: string) => Promise<Answer>;

const ok = (status: number) => (body: unknown) => ({ status, body });
const need = (key: string | undefined) => z.string().min(1).parse(key);
const activation = (b: Record<string, unknown>, idempotencyKey: string) => ({
  tier: b.tier as string,
  tierVersion: b.tier_version as string,
  term: b.term as "MONTHLY" | "ANNUAL",
  priceCents: b.price_cents as number,
  currency: b.currency as string,
  idempotencyKey,
});
const tierChange = (b: Record<string, unknown>, idempotencyKey: string) => ({
  tier: b.tier as string,
  tierVersion: b.tier_version as string,
  priceCents: b.price_cents as number,
  idempotencyKey,
});

/** `METHOD path-after-users/{id}` -> what the service does (the contracts of the four HTTP clients). */
const ROUTES: Record<string, Route> = {
  "POST subscription": (s, id, b, k) =>
    s.subs.activate(id, activation(b, k)).then(subscriptionToWire).then(ok(201)),
  "POST subscription/reactivate": (s, id, b, k) =>
    s.subs.reactivate(id, activation(b, k)).then(subscriptionToWire).then(ok(200)),
  "POST subscription/pause": (s, id, b, k) =>
    s.subs
      .pause(id, {
        months: b.months as number,
        firstSkippedPayment: b.first_skipped_payment as string,
        idempotencyKey: k,
      })
      .then(subscriptionToWire)
      .then(ok(200)),
  "POST subscription/resume": (s, id, _b, k) =>
    s.subs.resume(id, { idempotencyKey: k }).then(subscriptionToWire).then(ok(200)),
  "POST subscription/upgrade": (s, id, b, k) =>
    s.subs.upgrade(id, tierChange(b, k)).then(subscriptionToWire).then(ok(200)),
  "POST subscription/downgrade": (s, id, b, k) =>
    s.subs
      .downgrade(id, { ...tierChange(b, k), effective: b.effective as string })
      .then(subscriptionToWire)
      .then(ok(200)),
  "POST subscription/cancel": (s, id, b, k) =>
    s.subs
      .cancel(id, {
        effective: b.effective as "now" | "period_end",
        reason: b.reason as string,
        idempotencyKey: k,
      })
      .then(subscriptionToWire)
      .then(ok(200)),
  "GET subscription/current-period": (s, id) => s.subs.currentPeriod(id).then(periodToWire).then(ok(200)),
  "GET outstanding-balance": async (s, id) => {
    const b = await s.float.outstandingBalance(id);
    return { status: 200, body: { amount_cents: b.amountCents, currency: b.currency } };
  },
  "POST recalculations": async (s, id) => {
    const d = await s.underwriting.recalculate(id);
    return { status: 200, body: { eligible: d.eligible, limit_cents: d.limitCents } };
  },
};

function sandboxes(clock: ManualClock) {
  const store = new SqliteTableStore(openSqlite(":memory:"), "fake", clock);
  return {
    subs: new SandboxSubscriptionService({ store, clock, ids: sequentialIds("fake") }),
    float: new SandboxFloatService({ store }),
    underwriting: new SandboxUnderwritingService({ store, clock }),
  };
}

/** Roster's Payment Service behind the fake's IAM check: `path` (with its query) starts with `/payments/`. */
export type PaymentsUpstream = (request: Received & { readonly path: string }) => Promise<Answer>;

/**
 * The Subscription, Float and Underwriting services' side of the wire, and API Gateway in front of
 * Roster's real Payment Service (`payments`), on one loopback server under the stage `/test`, for tests
 * of the production clients: it checks the SigV4 signature as API Gateway's IAM authorizer does (403
 * otherwise), then serves each client's contract from the sandboxes, or passes `/test/payments/...` on
 * to the Payment Service, so both adapters must behave the same. The first answer to a charge of a
 * `-pay-timeout` user (the gateway lost it: 503) is never sent, as when the service times out.
 */
export async function startFakeMembershipServices(options: { readonly payments?: PaymentsUpstream } = {}) {
  const clock = new ManualClock(TEST_NOW);
  const world = sandboxes(clock);
  const server = await LoopbackServer.start(async (request) => {
    if (!(await signedByKnownCaller(request))) {
      return { status: 403, body: { message: "The request signature we calculated does not match" } };
    }
    const path = new URL(request.url, "http://fake").pathname;
    if (path.startsWith("/test/payments/") && options.payments) {
      const answer = await options.payments({ ...request, path: request.url.slice("/test".length) });
      const lost = answer.status === 503 && /-pay-timeout\/charges$/.test(decodeURIComponent(path));
      return lost ? new Promise<Answer>(() => {}) : answer;
    }
    return serve(world, request);
  });
  return { server, clock, world, url: `${server.origin}/test` };
}

async function serve(world: Sandboxes, request: Received): Promise<Answer> {
  const url = new URL(request.url, "http://fake");
  const key = request.headers["idempotency-key"] as string | undefined;
  const body = (request.body ? JSON.parse(request.body) : {}) as Record<string, unknown>;
  const user = /^\/test\/users\/([^/]+)\/(.+)$/.exec(url.pathname);
  try {
    const route = user && ROUTES[`${request.method} ${user[2]}`];
    if (!user || !route) return { status: 404, body: { message: "Not Found" } };
    const userId = decodeURIComponent(user[1] as string);
    const needsKey = request.method === "POST" && user[2] !== "recalculations";
    return await route(world, userId, body, needsKey ? need(key) : "");
  } catch (error) {
    if (error instanceof UnavailableError) return { status: 503, body: { message: "Service Unavailable" } };
    if (error instanceof DependencyError) return { status: 500, body: { message: `boom: ${request.url}` } };
    if (error instanceof z.ZodError) return { status: 400, body: { message: "idempotency-key required" } };
    throw error;
  }
}
