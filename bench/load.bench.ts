/**
 * The whole system under a fixed mix for BENCH_LOAD_SECONDS (default 60) on the local runtime, from
 * BENCH_LOAD_CLIENTS (default 8) clients: per route, answers/s, p50 and p99 and every answer that was not
 * 2xx; then, once the load stops, how far each event source mapping and the usermodel projection were
 * behind and how long they took to catch up. Exits 1 if any answer was not 2xx or a flow never caught
 * up; never a pass/fail on time.
 */
import { randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres } from "../src/platform/adapters/embedded/embedded-postgres.ts";
import { LocalClock } from "../src/platform/adapters/embedded/local-clock.ts";
import { LocalIssuer } from "../src/platform/adapters/embedded/local-issuer.ts";
import { openSqlite } from "../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../src/platform/adapters/embedded/sqlite-table.store.ts";
import { randomIds } from "../src/platform/time/id-generator.port.ts";
import { openStoreSandboxes } from "../src/purchases/wiring/local/store-sandboxes.local.ts";
import { type MappingLag, mappingLags } from "./support/load-lag.ts";
import { startServer } from "./support/processes.ts";

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 8);
/** App Store notifications signed before the load (each one pushed once; the mix skips them when used up). */
const NOTICES = Number(process.env.BENCH_LOAD_NOTICES ?? 1_500);
/** How long the flows may take to catch up once the load stops before the bench calls it a failure. */
const CATCH_UP_LIMIT_MS = 120_000;
const BUNDLE = "dev.roster.app";
const MONTH_MS = 30 * 86_400_000;

/**
 * One client's turn, in order, again and again: a sign-up (then the new user's card), reads, tag writes,
 * a PATCH, a charge, an App Store notification. Each client signs up its own users, so writes of two
 * clients never race on one user.
 */
const MIX = [
  "signUp",
  "read",
  "tag",
  "read",
  "patch",
  "charge",
  "read",
  "tag",
  "apple",
  "subscription",
  "patch",
  "read",
] as const;
type Step = (typeof MIX)[number];

interface Route {
  readonly name: string;
  readonly latencies: number[];
  readonly failures: Map<number, number>;
}

const dataDir = mkdtempSync(join(tmpdir(), "roster-bench-load-"));
chmodSync(dataDir, 0o755);
const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, "postgres") });
const env = {
  ...process.env,
  ROSTER_DATA_DIR: dataDir,
  PORT: "0",
  DATABASE_URL: postgres.connectionString,
  LOG_LEVEL: "WARN",
  ...(process.env.BENCH_LOAD_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_LOAD_NODE_OPTIONS } : {}),
};
const roster = await startServer("src/runtime/local/main.ts", env);
const db = openSqlite(join(dataDir, "roster.sqlite"));
let failed = false;
try {
  const clock = LocalClock.open(dataDir);
  const issuer = await LocalIssuer.open(dataDir);
  const token = (kind: "user" | "service" | "operator", id: string) =>
    issuer.issue({ kind, id, mfa: kind === "user" }, clock.now());
  const service = await token("service", "bench");
  const operator = await token("operator", "ada");
  const store = new SqliteTableStore(db, "local", clock);
  const sandboxes = await openStoreSandboxes({ dataDir, store, clock, ids: randomIds });
  const notices: { signedPayload: string }[] = [];
  for (let i = 0; i < NOTICES; i++)
    notices.push(
      (
        await sandboxes.appStore.buy({
          bundleId: BUNDLE,
          productId: "dev.roster.premium.monthly",
          environment: "sandbox",
          periodMs: MONTH_MS,
          now: clock.now(),
        })
      ).body,
    );

  const routes = new Map<string, Route>();
  const call = async (name: string, path: string, init: RequestInit = {}): Promise<Response> => {
    let route = routes.get(name);
    if (!route) {
      route = { name, latencies: [], failures: new Map() };
      routes.set(name, route);
    }
    const started = performance.now();
    const response = await fetch(`${roster.base}${path}`, init);
    const body = await response.text();
    route.latencies.push(performance.now() - started);
    if (response.status < 200 || response.status > 299) {
      const seen = route.failures.get(response.status) ?? 0;
      // The first of each kind, for the reader (the bench's own made-up users, no one's data).
      if (seen === 0) process.stderr.write(`${name} answered ${response.status}: ${body.slice(0, 300)}\n`);
      route.failures.set(response.status, seen + 1);
    }
    return response;
  };
  const json = (bearer: string, method: string, body?: unknown, extra: Record<string, string> = {}) => ({
    method,
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", ...extra },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  /** The last acknowledged PATCH, to look for in operator search once the load stops. */
  let lastPatch: { email: string; city: string; at: number } | undefined;
  let signUps = 0;
  let nextNotice = 0;
  let acknowledgedWrites = 0;
  const deadline = performance.now() + SECONDS * 1000;

  const client = async (index: number) => {
    const mine: { id: string; path: string; email: string; userToken: string }[] = [];
    const some = () => mine[Math.floor(Math.random() * mine.length)] as (typeof mine)[number];
    for (let turn = 0; performance.now() < deadline; turn++) {
      const step: Step = MIX[turn % MIX.length] as Step;
      if (step === "signUp" || mine.length === 0) {
        const n = signUps++;
        const id = `auth0|load-${index}-${n}`;
        const email = `load.${index}.${n}@example.com`;
        const userToken = await token("user", id);
        const path = `/${encodeURIComponent(id)}`;
        const created = await call(
          "POST /users/create",
          "/users/create",
          json(userToken, "POST", {
            user_email: email,
            user_phone: `555${2_000_000 + n}`,
            user_first_name: "Load",
            user_last_name: `Client${index}`,
            user_city: "Austin",
          }),
        );
        if (created.status !== 201) continue;
        acknowledgedWrites++;
        mine.push({ id, path, email, userToken });
        const card = await call(
          "POST /payments/users/{user_id}/payment-methods",
          `/payments/users${path}/payment-methods`,
          json(userToken, "POST", { token: "pm_card_visa_debit" }),
        );
        if (card.ok) acknowledgedWrites++;
        continue;
      }
      const user = some();
      switch (step) {
        case "read":
          await call("GET /{user_id}/user", `${user.path}/user`, json(service, "GET"));
          break;
        case "tag": {
          const answer = await call(
            "PUT /{user_id}/tags/{tag_name}",
            `${user.path}/tags/load_tag_${turn % 3}`,
            json(service, "PUT", { tag_value: String(turn) }),
          );
          if (answer.ok) acknowledgedWrites++;
          break;
        }
        case "patch": {
          const city = `City ${index}-${turn}`;
          const answer = await call(
            "PATCH /{user_id}/user",
            `${user.path}/user`,
            json(service, "PATCH", { user_city: city }),
          );
          if (answer.ok) {
            acknowledgedWrites++;
            lastPatch = { email: user.email, city, at: performance.now() };
          }
          break;
        }
        case "charge": {
          const answer = await call(
            "POST /payments/users/{user_id}/charges",
            `/payments/users${user.path}/charges`,
            json(
              service,
              "POST",
              { amount_cents: 999, currency: "USD", description: "Load charge" },
              { "idempotency-key": randomUUID() },
            ),
          );
          if (answer.ok) acknowledgedWrites++;
          break;
        }
        case "subscription":
          await call(
            "GET /subscriptions/users/{user_id}/billing",
            `/subscriptions/users${user.path}/billing`,
            json(service, "GET"),
          );
          break;
        case "apple": {
          const notice = notices[nextNotice++];
          if (!notice) break;
          const answer = await call("POST /apple/pubsub", "/apple/pubsub", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(notice),
          });
          if (answer.ok) acknowledgedWrites++;
          break;
        }
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  const stoppedAt = performance.now();
  const elapsed = (stoppedAt - started) / 1000;

  // The flows at the instant the load stopped, then until every mapping has consumed all it was put.
  const atStop = mappingLags(db);
  const caughtUp = new Map<string, number>();
  let lags: MappingLag[] = atStop;
  while (performance.now() - stoppedAt < CATCH_UP_LIMIT_MS) {
    lags = mappingLags(db);
    for (const lag of lags) {
      const key = `${lag.mapping} ${lag.source}`;
      if (lag.behind === 0 && !caughtUp.has(key)) caughtUp.set(key, performance.now() - stoppedAt);
      if (lag.behind > 0) caughtUp.delete(key);
    }
    if (lags.every((lag) => lag.behind === 0)) break;
    await new Promise((done) => setTimeout(done, 20));
  }

  // The usermodel projection: from the last acknowledged PATCH to operator search answering it.
  let searchLagMs: number | undefined;
  let searchLagFromStopMs: number | undefined;
  if (lastPatch) {
    const wanted = lastPatch;
    while (performance.now() - stoppedAt < CATCH_UP_LIMIT_MS) {
      const answer = await fetch(
        `${roster.base}/users/search?q=${encodeURIComponent(wanted.email)}`,
        json(operator, "GET"),
      );
      const page = (await answer.json()) as { items?: { user_city?: string }[] };
      if (page.items?.some((item) => item.user_city === wanted.city)) {
        searchLagMs = performance.now() - wanted.at;
        searchLagFromStopMs = performance.now() - stoppedAt;
        break;
      }
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  process.stdout.write(
    `${CLIENTS} clients, ${elapsed.toFixed(1)} s, ${acknowledgedWrites} acknowledged writes, ${signUps} sign-ups, ` +
      `${Math.min(nextNotice, notices.length)} App Store notifications, ${process.version}\n`,
  );
  const rows = [...routes.values()].map((route) => ({
    route: route.name,
    answers: route.latencies.length,
    "per s": Math.round(route.latencies.length / elapsed),
    "p50 ms": percentile(route.latencies, 50),
    "p99 ms": percentile(route.latencies, 99),
    "non-2xx": [...route.failures].map(([status, n]) => `${n}x${status}`).join(" ") || 0,
  }));
  console.table(rows);
  process.stdout.write("event source mappings when the load stopped, and until caught up:\n");
  console.table(
    atStop.map((lag) => ({
      mapping: lag.mapping,
      source: lag.source,
      "put at stop": lag.put,
      "consumed at stop": lag.consumed,
      "behind at stop": lag.behind,
      "caught up after ms": Math.round(caughtUp.get(`${lag.mapping} ${lag.source}`) ?? Number.NaN),
    })),
  );
  process.stdout.write(
    searchLagMs === undefined
      ? "usermodel projection: the last acknowledged PATCH never showed in operator search\n"
      : `usermodel projection: the last acknowledged PATCH showed in operator search ${Math.round(searchLagMs)} ms ` +
          `after its answer (${Math.round(searchLagFromStopMs ?? 0)} ms after the load stopped)\n`,
  );
  const errors = rows.reduce(
    (sum, row) => sum + [...(routes.get(row.route)?.failures.values() ?? [])].reduce((a, b) => a + b, 0),
    0,
  );
  if (errors > 0) {
    process.stdout.write(`${errors} answers were not 2xx\n`);
    failed = true;
  }
  if (lags.some((lag) => lag.behind > 0) || (lastPatch && searchLagMs === undefined)) {
    process.stdout.write("a flow did not catch up\n");
    failed = true;
  }
} finally {
  db.close();
  await roster.stop();
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 10) / 10
  );
}
