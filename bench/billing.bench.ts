/**
 * The Subscription Service's billing runner on the local runtime (`src/runtime/local/main.ts` in its own
 * process, its services on one embedded PostgreSQL server), against a same-run baseline: bare single-row
 * INSERT transactions on the same server, from as many clients as the runner has charges in flight.
 *
 * 1. `--due N` (default 10,000) subscriptions activated and their first period paid (not measured), then
 *    the local clock moved past their first renewal at once: renewals committed per second, the wall
 *    time until every renewal is committed and on the `subscriptions` stream, p50/p99 from due to the
 *    `renewed` record on the stream, and checks that each subscription was charged exactly once.
 * 2. `--year N` (default 1,000) subscriptions through a simulated year, a day per clock move: 10% pause
 *    for two months, 5% get a card that declines (half of them fix it inside the recovery window);
 *    the year's wall time and what billing did.
 *
 * `--baseline-s S` (default 5) is the baseline's length; `--due 0` or `--year 0` skips a part;
 * `--no-catch-up` moves the clock on without waiting for the stream workers (the race in bench/README.md).
 * LOG_LEVEL is the runtime's (default ERROR). Prints figures and ratios; never a pass/fail on time.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres } from "../src/platform/adapters/embedded/embedded-postgres.ts";
import { dueAtOnce } from "./support/billing-due.ts";
import { startBillingRuntime } from "./support/billing-runtime.ts";
import { simulatedYear } from "./support/billing-year.ts";
import { insertBaseline, type Measured } from "./support/insert-baseline.ts";

const { values } = parseArgs({
  options: {
    due: { type: "string", default: process.env.BENCH_DUE ?? "10000" },
    year: { type: "string", default: process.env.BENCH_YEAR ?? "1000" },
    "baseline-s": { type: "string", default: process.env.BENCH_DURATION ?? "5" },
    "no-catch-up": { type: "boolean", default: false },
  },
});
const DUE = Number(values.due);
const YEAR = Number(values.year);
const BASELINE_S = Number(values["baseline-s"]);
/** `runDueCycles`' charges in flight (its default `concurrency`, which the local wiring keeps). */
const RUNNER_LANES = 8;
/** HTTP calls at once while the subscriptions are made (setup, not measured). */
const SEED_LANES = 16;

const begun = performance.now();
const dataDir = mkdtempSync(join(tmpdir(), "roster-bench-billing-pg-"));
chmodSync(dataDir, 0o755);
const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, "postgres") });
try {
  const baseline = await insertBaseline(postgres.connectionString, RUNNER_LANES, BASELINE_S);
  process.stdout.write(
    `${process.version}; baseline: ${Math.round(baseline.rate)} bare INSERT tx/s from ${RUNNER_LANES} clients ` +
      `(p50 ${baseline.p50} ms, p99 ${baseline.p99} ms, ${BASELINE_S} s)\n`,
  );
  if (DUE > 0) await reportDue(postgres.connectionString, baseline);
  if (YEAR > 0) await reportYear(postgres.connectionString, baseline);
  process.stdout.write(`total ${((performance.now() - begun) / 1000).toFixed(0)} s\n`);
} finally {
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits });
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
}

async function reportDue(serverUrl: string, baseline: Measured): Promise<void> {
  const runtime = await startBillingRuntime(serverUrl, "bench_due");
  try {
    const users = Array.from({ length: DUE }, (_, i) => `auth0|bench-due-${i.toString(36)}`);
    const run = await dueAtOnce(runtime, users, SEED_LANES);
    const rate = run.committed / (run.lastCommitMs / 1000);
    const wall = Math.max(run.lastCommitMs, run.latencies.at(-1) ?? Number.NaN, run.answeredMs);
    process.stdout.write(
      `\n1. ${fmt(DUE)} subscriptions due at once (made and first period paid in ${fmt(run.seedSeconds, 1)} s, not measured)\n`,
    );
    console.table([
      {
        measure: "bare INSERT transaction (same PostgreSQL)",
        "per s": fmt(baseline.rate),
        "ratio to baseline": "1",
      },
      {
        measure: "renewals committed (due -> last commit)",
        "per s": fmt(rate),
        "ratio to baseline": (rate / baseline.rate).toFixed(3),
      },
    ]);
    const c = run.checks;
    process.stdout.write(
      `wall time of the run (due -> every renewal committed and on the stream): ${fmt(wall / 1000, 1)} s ` +
        `(first commit after ${fmt(run.firstCommitMs)} ms, last after ${fmt(run.lastCommitMs)} ms; ` +
        `the clock move answered after ${fmt(run.answeredMs)} ms)\n` +
        `due -> renewed record on the stream: p50 ${fmt(quantile(run.latencies, 0.5))} ms, ` +
        `p99 ${fmt(quantile(run.latencies, 0.99))} ms, max ${fmt(run.latencies.at(-1) ?? Number.NaN)} ms\n` +
        `checks: ${fmt(run.committed)} of ${fmt(DUE)} renewals committed, ${fmt(run.latencies.length)} users with a renewed ` +
        `record (${c.duplicateRecords} duplicates), ${c.notPaidTwice} subscriptions not paid exactly twice, ` +
        `${fmt(c.confirmedCharges)} confirmed charges (${fmt(2 * DUE)} expected), ${c.cyclesChargedTwice} cycles charged ` +
        `twice, ${c.otherCharges} charges not confirmed\n`,
    );
  } finally {
    await runtime.stop();
  }
}

async function reportYear(serverUrl: string, baseline: Measured): Promise<void> {
  const runtime = await startBillingRuntime(serverUrl, "bench_year");
  try {
    const year = await simulatedYear(runtime, YEAR, SEED_LANES, !values["no-catch-up"]);
    process.stdout.write(`\n2. ${fmt(YEAR)} subscriptions through a simulated year\n`);
    const billed = year.renewed + year.skipped + year.failedAttempts;
    const insertsS = billed / baseline.rate;
    console.table(year.rows);
    process.stdout.write(
      `wall time of the year (${year.steps} clock moves of a day, ${values["no-catch-up"] ? "not waiting" : "each waiting"} ` +
        "for the payments worker): " +
        `${fmt(year.wallMs / 1000, 1)} s; ` +
        `${fmt(billed)} cycles decided (renewed, skipped, failed attempts) take ${fmt(insertsS, 1)} s as bare INSERT ` +
        `transactions: ratio ${(year.wallMs / 1000 / insertsS).toFixed(1)}\n` +
        `checks: ${year.checks}\n`,
    );
  } finally {
    await runtime.stop();
  }
}
