/**
 * Cost as work grows: the local process (`src/runtime/local/main.ts`, its services on one embedded
 * PostgreSQL server) on `BENCH_SCALE_SIZES` seeded members (default 1,000, 10,000 and 100,000), the
 * same workload at each size through the public HTTP APIs: reads (`GET /{user_id}/user`,
 * `GET /{user_id}/membership`), tag writes (`PUT /{user_id}/tags/SCALE_COHORT`), a lifecycle change
 * (an operator's investigate, then its clear), all of them mixed, and a renewal run (the local clock
 * moved past `BENCH_RENEWALS` subscriptions' renewal, every other subscription not due). Requests pick
 * a member at random, so the reads and writes land all over the seeded tables.
 *
 * The members, their memberships and tags are written straight into the User Service's table before
 * the process starts (bench/support/scale-seed.ts), the renewal run's subscriptions through the API,
 * every other member's subscription copied from them in SQL (not measured). Per size: req/s and p99
 * per operation, the ratio to the smallest size, the process's RSS; the baseline (a bare Hono route,
 * bench/support/bare-server.ts) measured beside each size, so the ratios read through machine load;
 * the `EXPLAIN QUERY PLAN` of the embedded table store's statements and of the Subscription Service's
 * hot queries on the largest size. `BENCH_DURATION` (s, default 5) per measure, `BENCH_CONNECTIONS`
 * (default 10). Prints figures and ratios; never a pass/fail on time.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { type Compilable, sql } from "kysely";
import { startEmbeddedPostgres } from "../src/platform/adapters/embedded/embedded-postgres.ts";
import { unindexedSteps } from "../src/platform/adapters/embedded/sqlite-plan.ts";
import { dueCycles } from "../src/subscriptions/adapters/postgres/billing.store.ts";
import { startBillingRuntime } from "./support/billing-runtime.ts";
import { seedSubscriptions } from "./support/billing-seed.ts";
import { run, startServer } from "./support/processes.ts";
import { COHORT_TAG, cloneSubscriptions, memberId, seedMembers } from "./support/scale-seed.ts";

const SIZES = (process.env.BENCH_SCALE_SIZES ?? "1000,10000,100000").split(",").map(Number);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const RENEWALS = Number(process.env.BENCH_RENEWALS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** HTTP calls at once while the renewal run's subscriptions are made (setup, not measured). */
const SEED_LANES = 8;

interface Op {
  readonly name: string;
  /** The requests one connection sends in turn, on one member of its own stripe. */
  readonly requests: readonly {
    method: string;
    path: (id: string, n: number) => string;
    body?: (n: number) => string;
    operator?: boolean;
  }[];
  /** Which members the connections pick from: [from, to) as fractions of the size. */
  readonly members: readonly [number, number];
}

const getUser = { method: "GET", path: (id: string) => `/${encodeURIComponent(id)}/user` };
const getMembership = { method: "GET", path: (id: string) => `/${encodeURIComponent(id)}/membership` };
const putTag = {
  method: "PUT",
  path: (id: string) => `/${encodeURIComponent(id)}/tags/${COHORT_TAG}`,
  body: (n: number) => JSON.stringify({ tag_value: `v${n}` }),
};
const investigate = {
  method: "POST",
  path: (id: string) => `/${encodeURIComponent(id)}/user/investigate`,
  body: () => JSON.stringify({ reason: "scale bench" }),
  operator: true,
};
const clear = {
  method: "POST",
  path: (id: string) => `/${encodeURIComponent(id)}/user/clear-investigation`,
  operator: true,
};
// An investigation cut off by the end of a measure leaves its member INVESTIGATE: the two measures
// that investigate pick from halves of their own.
const OPS: readonly Op[] = [
  { name: "GET /{user_id}/user", requests: [getUser], members: [0, 1] },
  { name: "GET /{user_id}/membership", requests: [getMembership], members: [0, 1] },
  { name: "PUT /{user_id}/tags/{tag}", requests: [putTag], members: [0, 1] },
  { name: "investigate + clear (per request)", requests: [investigate, clear], members: [0, 0.5] },
  {
    name: "mixed (the five in turn)",
    requests: [getUser, getMembership, putTag, investigate, clear],
    members: [0.5, 1],
  },
];

interface Measured {
  readonly rps: number;
  readonly p99: number;
  readonly errors: number;
  /** The answers' status codes other than 2xx, with their counts. */
  readonly codes: string;
}

async function cannon(
  url: string,
  requests: autocannon.Request[] | undefined,
  headers: Record<string, string>,
) {
  const options = { url, connections: CONNECTIONS, headers, ...(requests ? { requests } : {}) };
  await autocannon({ ...options, duration: 1 }); // warm-up
  const result = await autocannon({ ...options, duration: DURATION_S });
  const codes = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, { count }]) => `${count}x${code}`)
    .join(" ");
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    codes,
  };
}

/** One operation's requests on one size, kept across rounds (they remember cut-off investigations). */
function loadOf(op: Op, size: number, tokens: { service: string; operator: string }): autocannon.Request[] {
  const [from, to] = op.members;
  const first = Math.floor(from * size);
  const stripes = Math.max(1, Math.floor(((to - from) * size) / CONNECTIONS));
  let lanes = 0;
  let writes = 0;
  // Members whose investigation a measure's end cut off before its clear: not picked again.
  const investigated = new Set<number>();
  const requests = op.requests.map((r, index) => ({
    method: r.method as autocannon.Request["method"],
    setupRequest: (request: autocannon.Request, context: Record<string, number>) => {
      context.lane ??= lanes++ % CONNECTIONS;
      if (index === 0) {
        do context.member = first + context.lane + CONNECTIONS * Math.floor(Math.random() * stripes);
        while (investigated.has(context.member));
      }
      const member = context.member as number;
      if (r === investigate) investigated.add(member);
      if (r === clear) investigated.delete(member);
      const id = memberId(member);
      writes += 1;
      return {
        ...request,
        path: r.path(id, writes),
        headers: {
          authorization: `Bearer ${r.operator ? tokens.operator : tokens.service}`,
          ...(r.body ? { "content-type": "application/json" } : {}),
        },
        ...(r.body ? { body: r.body(writes) } : {}),
      };
    },
  }));
  return requests as autocannon.Request[];
}

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

interface World {
  readonly size: number;
  readonly runtime: Awaited<ReturnType<typeof startBillingRuntime>>;
  readonly seedS: number;
  readonly plans: Awaited<ReturnType<typeof seedMembers>>;
  readonly loads: readonly autocannon.Request[][];
  /** Per operation, per round. */
  readonly measured: Measured[][];
  readonly renewals: { ms: number; renewed: number }[];
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

/** A size's process: its members seeded before it starts, then the renewal run's subscriptions. */
async function openWorld(serverUrl: string, size: number): Promise<World> {
  let plans: Awaited<ReturnType<typeof seedMembers>> = [];
  const seeding = performance.now();
  const runtime = await startBillingRuntime(serverUrl, `bench_scale_${size}`, async (dataDir, env) => {
    plans = await seedMembers(dataDir, env, size);
  });
  const templates = Array.from({ length: Math.min(RENEWALS, size) }, (_, i) => memberId(i));
  await seedSubscriptions(runtime, templates, SEED_LANES);
  await cloneSubscriptions(runtime.subscriptions, templates, templates.length, size);
  const seedS = (performance.now() - seeding) / 1000;
  const env = { ...process.env, ROSTER_DATA_DIR: runtime.dataDir };
  const token = async (...args: string[]) =>
    (await run(process.execPath, ["src/runtime/local/token.cli.ts", ...args], { env })).stdout.trim();
  const tokens = {
    service: await token("--service", "bench-scale"),
    operator: await token("--operator", "sam"),
  };
  const loads = OPS.map((op) => loadOf(op, size, tokens));
  return { size, runtime, seedS, plans, loads, measured: OPS.map(() => []), renewals: [] };
}

/** The renewals committed so far (PAID cycles of the renewal run's subscriptions, first periods included). */
async function paidCycles(world: World): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from billing_cycles
    where status = 'PAID' and subscription_id not like 'scale-sub-%'`.execute(world.runtime.subscriptions);
  return Number(rows[0]?.n);
}

const begun = performance.now();
const root = mkdtempSync(join(tmpdir(), "roster-bench-scale-"));
chmodSync(root, 0o755);
const postgres = await startEmbeddedPostgres({ dataDir: join(root, "postgres") });
const bare = await startServer("bench/support/bare-server.ts");
const worlds: World[] = [];
try {
  for (const size of SIZES) worlds.push(await openWorld(postgres.connectionString, size));
  process.stdout.write(
    `${worlds.map((w) => `${fmt(w.size)} members seeded in ${fmt(w.seedS, 1)} s`).join(", ")} (not measured)\n`,
  );
  // Round by round, each operation on every size one after the other (the order turned each round):
  // sizes compared over the same minutes, whatever else the machine does.
  const baselines: Measured[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baselines.push(await cannon(`${bare.base}/auth0%7Cbench/user`, undefined, {}));
    for (let op = 0; op < OPS.length; op++) {
      for (let k = 0; k < worlds.length; k++) {
        const world = worlds[(k + round) % worlds.length] as World;
        (world.measured[op] as Measured[]).push(
          await cannon(world.runtime.base, world.loads[op] as autocannon.Request[], {}),
        );
      }
    }
  }
  // The renewal runs last: a clock move ends the tokens' lifetime on that process's clock.
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < worlds.length; k++) {
      const world = worlds[(k + round) % worlds.length] as World;
      const before = await paidCycles(world);
      const moved = performance.now();
      await world.runtime.advance("32d");
      const ms = performance.now() - moved;
      world.renewals.push({ ms, renewed: (await paidCycles(world)) - before });
    }
  }
  const rss = worlds.map((w) => rssMb(w.runtime.pid));
  for (const [k, world] of worlds.entries())
    printSize(world, worlds[0] as World, baselines, rss[k] as number);
  printSummary(worlds, baselines, rss);
  const largest = worlds.at(-1) as World;
  printSqlitePlans(largest);
  await printPostgresPlans(largest);
  process.stdout.write(`total ${fmt((performance.now() - begun) / 1000)} s\n`);
} finally {
  for (const world of worlds) await world.runtime.stop();
  await bare.stop();
  await postgres.stop();
  rmSync(root, { recursive: true, force: true });
}

/** Per round, a measure's figure over the smallest size's in the same round: the median of those. */
function toFirst(of: (round: number) => number, first: (round: number) => number): string {
  return median(Array.from({ length: ROUNDS }, (_, round) => of(round) / first(round))).toFixed(2);
}

function printSize(world: World, first: World, baselines: readonly Measured[], rss: number): void {
  process.stdout.write(
    `\n${fmt(world.size)} members: ${CONNECTIONS} connections, ${DURATION_S} s a measure after 1 s of warm-up, ` +
      `median of ${ROUNDS} rounds, ${process.version}; local process RSS at the end ${fmt(rss)} MB\n`,
  );
  const base = (round: number) => (baselines[round] as Measured).rps;
  console.table([
    {
      measure: "baseline: bare Hono constant JSON",
      "req/s": fmt(median(baselines.map((b) => b.rps))),
      "p99 ms": median(baselines.map((b) => b.p99)),
      errors: baselines.reduce((n, b) => n + b.errors, 0),
      "to baseline": "1.00",
      [`to ${fmt(first.size)}`]: "",
    },
    ...OPS.map((op, i) => {
      const m = world.measured[i] as Measured[];
      const then = first.measured[i] as Measured[];
      const codes = m
        .map((r) => r.codes)
        .filter(Boolean)
        .join(" ");
      const errors = m.reduce((n, r) => n + r.errors, 0);
      return {
        measure: op.name,
        "req/s": fmt(median(m.map((r) => r.rps))),
        "p99 ms": median(m.map((r) => r.p99)),
        errors: codes ? `${errors} (${codes})` : errors,
        "to baseline": toFirst((r) => (m[r] as Measured).rps, base),
        [`to ${fmt(first.size)}`]: toFirst(
          (r) => (m[r] as Measured).rps,
          (r) => (then[r] as Measured).rps,
        ),
      };
    }),
    {
      measure: `renewal run (${RENEWALS} due; clock move answered)`,
      "req/s": `${world.renewals.map((r) => r.renewed).join("/")} renewed, ${fmt(median(world.renewals.map((r) => r.ms)))} ms`,
      "p99 ms": "",
      errors: world.renewals.filter((r) => r.renewed !== Math.min(RENEWALS, world.size)).length,
      "to baseline": "",
      [`to ${fmt(first.size)}`]: toFirst(
        (r) => (first.renewals[r] as { ms: number }).ms,
        (r) => (world.renewals[r] as { ms: number }).ms,
      ),
    },
  ]);
}

function printSummary(all: readonly World[], baselines: readonly Measured[], rss: readonly number[]): void {
  const first = all[0] as World;
  const mixed = OPS.length - 1;
  process.stdout.write(
    `\nmixed workload, renewal run and RSS by size (ratios: same round, median of ${ROUNDS})\n`,
  );
  console.table(
    all.map((w, k) => ({
      members: fmt(w.size),
      "mixed req/s": fmt(median((w.measured[mixed] as Measured[]).map((r) => r.rps))),
      [`mixed to ${fmt(first.size)}`]: toFirst(
        (r) => ((w.measured[mixed] as Measured[])[r] as Measured).rps,
        (r) => ((first.measured[mixed] as Measured[])[r] as Measured).rps,
      ),
      "baseline req/s": fmt(median(baselines.map((b) => b.rps))),
      "renewal run ms": fmt(median(w.renewals.map((r) => r.ms))),
      "RSS MB": fmt(rss[k] as number),
    })),
  );
}

function printSqlitePlans(world: World): void {
  process.stdout.write(
    `\nEXPLAIN QUERY PLAN of the embedded table store's statements (${fmt(world.size)} members, after ANALYZE)\n`,
  );
  for (const { sql: text, plan } of world.plans) {
    const bad = unindexedSteps(plan).length > 0 ? "  <- reads the whole logical table" : "";
    process.stdout.write(
      `${text}${bad}\n${plan.map((step) => `    ${step}`).join("\n") || "    (no read)"}\n`,
    );
  }
}
async function printPostgresPlans(world: World): Promise<void> {
  process.stdout.write(
    `\nEXPLAIN ANALYZE of the Subscription Service's hot queries (${fmt(world.size)} members)\n`,
  );
  const db = world.runtime.subscriptions;
  const now = new Date(Date.now() + world.runtime.offsetMs());
  const userId = memberId(Math.floor(world.size / 2));
  const queries: [string, Compilable][] = [
    ["the runner's claim of due cycles (dueCycles, BillingStore.claimDue)", dueCycles(db, now, 50)],
    [
      "a user's live subscription",
      db
        .selectFrom("subscriptions")
        .selectAll()
        .where("user_id", "=", userId)
        .where("status", "in", ["TRIAL", "ACTIVE", "PAST_DUE", "PAUSED"]),
    ],
    [
      "a subscription's cycles",
      db
        .selectFrom("billing_cycles")
        .selectAll()
        .where("subscription_id", "=", `scale-sub-${world.size - 1}`),
    ],
  ];
  for (const [name, query] of queries) {
    const { rows } = await sql<{
      "QUERY PLAN": string;
    }>`explain (analyze, costs off, timing off) ${query}`.execute(db);
    process.stdout.write(`${name}\n${rows.map((row) => `    ${row["QUERY PLAN"]}`).join("\n")}\n`);
  }
}
