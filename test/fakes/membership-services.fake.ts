import { z } from "zod";
import { openSqlite } from "../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { DependencyError, UnavailableError } from "../../src/platform/errors/app.errors.ts";
import { ManualClock } from "../../src/platform/time/clock.port.ts";
import { SandboxFloatService } from "../../src/users/adapters/sandbox/float-service.sandbox.ts";
import { SandboxUnderwritingService } from "../../src/users/adapters/sandbox/underwriting-service.sandbox.ts";
import { TEST_NOW } from "../../src/users/wiring/test-services.ts";
import { type Answer, LoopbackServer, type Received } from "../support/loopback-server.ts";
import { signedByKnownCaller } from "./transactions-service.fake.ts";

type Sandboxes = ReturnType<typeof sandboxes>;
type Route = (s: Sandboxes, id: string, body: Record<string, unknown>, key: string) => Promise<Answer>;

const need = (key: string | undefined) => z.string().min(1).parse(key);
/** `METHOD path-after-users/{id}` -> what the service does (the contracts of the four HTTP clients). */
const ROUTES: Record<string, Route> = {
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
    float: new SandboxFloatService({ store }),
    underwriting: new SandboxUnderwritingService({ store, clock }),
  };
}

/** A Roster service behind the fake's IAM check: `path` (with its query) starts with its segment. */
export type Upstream = (request: Received & { readonly path: string }) => Promise<Answer>;
export type PaymentsUpstream = Upstream;

/**
 * The Float and Underwriting services' side of the wire, and API Gateway in front of Roster's real
 * Payment and Subscription Services (`payments`, `subscriptions`), on one loopback server under the
 * stage `/test`, for tests of the production clients: it checks the SigV4 signature as API Gateway's
 * IAM authorizer does (403 otherwise), then serves each client's contract from the sandboxes, or passes
 * `/test/payments/...` and `/test/subscriptions/...` on to the services, so both adapters must behave
 * the same. Calls for a `subs-down` user are answered 503 and for `subs-fail` 500 before the Subscription
 * Service (API Gateway's answers when the service is unavailable or broke). The first answer to a charge of a
 * `-pay-timeout` user (the gateway lost it: 503) is never sent, as when the service times out.
 */
export async function startFakeMembershipServices(
  options: { readonly payments?: Upstream; readonly subscriptions?: Upstream } = {},
) {
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
    if (path.startsWith("/test/subscriptions/") && options.subscriptions) {
      const user = decodeURIComponent(path);
      if (user.includes("subs-down")) return { status: 503, body: { message: "Service Unavailable" } };
      if (user.includes("subs-fail")) return { status: 500, body: { message: "Internal server error" } };
      return options.subscriptions({ ...request, path: request.url.slice("/test".length) });
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
