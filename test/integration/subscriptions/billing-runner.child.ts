/**
 * The crash test's victim: the billing runner in a process of its own on the test's subscriptions
 * database, at the clock time NOW, charging through the test's Payment Service over loopback HTTP
 * (PAYMENTS_BASE). Each renewal charge the Payment Service answers is reported ("charged <user>") and
 * then held: the runner never settles it, and the process waits to be killed.
 */
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { createDatabase } from "../../../src/platform/relational/database.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import type { SubscriptionsDatabase } from "../../../src/subscriptions/adapters/postgres/subscriptions.tables.ts";
import { buildTestSubscriptions } from "../../../src/subscriptions/wiring/test-subscriptions.ts";

const { SUBSCRIPTIONS_URL, PAYMENTS_BASE, ISSUER_DIR, NOW } = process.env;
const clock = new ManualClock(NOW as string);
const issuer = await LocalIssuer.open(ISSUER_DIR as string);

const heldAfterTheCharge = async (request: Request): Promise<Response> => {
  const url = new URL(request.url);
  const answer = await fetch(new URL(`${url.pathname}${url.search}`, PAYMENTS_BASE), {
    method: request.method,
    headers: request.headers,
    ...(request.method === "GET" ? {} : { body: await request.text() }),
  });
  if (request.method === "POST" && url.pathname.endsWith("/charges") && answer.status === 201) {
    process.stdout.write(`charged ${decodeURIComponent(url.pathname.split("/").at(-2) ?? "")}\n`);
    setInterval(() => {}, 60_000); // alive, the charge answered and not settled, until killed
    await new Promise(() => {});
  }
  return answer;
};

const subscriptions = buildTestSubscriptions({
  db: createDatabase<SubscriptionsDatabase>(SUBSCRIPTIONS_URL as string, { maxConnections: 4 }),
  clock,
  issuer,
  payments: { fetch: heldAfterTheCharge },
});
const ran = await subscriptions.tick();
process.stderr.write(`the runner ended without being killed: ${JSON.stringify(ran)}\n`);
