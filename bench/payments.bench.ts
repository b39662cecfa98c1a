/**
 * Charges per second through the Payment Service's HTTP API on the local runtime (each one committed,
 * then relayed to the `payments` stream), p50 and p99, against a same-run baseline: a bare single-row
 * INSERT transaction on the same PostgreSQL server. Two loads: charges spread over many members (what a
 * billing run or many apps do) and every charge for one member, whose records the outbox orders one
 * commit at a time (its `outbox_users` row is locked by each). Also the SQL statements and transactions
 * one charge takes. Prints ratios; never a pass/fail on time.
 */
import { randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startEmbeddedPostgres } from "../src/platform/adapters/embedded/embedded-postgres.ts";
import { LocalClock } from "../src/platform/adapters/embedded/local-clock.ts";
import { LocalIssuer } from "../src/platform/adapters/embedded/local-issuer.ts";
import { insertBaseline, type Measured } from "./support/insert-baseline.ts";
import { countSqlPerCharge } from "./support/payments-sql-count.ts";
import { run, startServer } from "./support/processes.ts";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 20;
/** Members the spread load charges in turn, each with a card. */
const MEMBERS = 200;

const dataDir = mkdtempSync(join(tmpdir(), "roster-bench-payments-"));
chmodSync(dataDir, 0o755);
const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, "postgres") });
const env = { ...process.env, ROSTER_DATA_DIR: dataDir, PORT: "0", DATABASE_URL: postgres.connectionString };
const roster = await startServer("src/runtime/local/main.ts", env);
try {
  const token = async (...args: string[]) =>
    (await run(process.execPath, ["src/runtime/local/token.cli.ts", ...args], { env })).stdout.trim();
  const service = await token("--service", "bench");
  const members = Array.from({ length: MEMBERS }, (_, n) => `auth0|bench-${n}`);
  await withCards(roster.base, dataDir, members);

  const baseline = await insertBaseline(postgres.connectionString, CONNECTIONS, DURATION_S);
  const spread = await chargeLoad(roster.base, service, members, `${MEMBERS} members in turn`);
  const oneMember = await chargeLoad(roster.base, service, members.slice(0, 1), "one member");
  const onStream = await drainedStream(env);
  // Counted with the runtime stopped, so its relay's polling is not counted with the charge.
  await roster.stop();
  const sql = await countSqlPerCharge(postgres.connectionString, dataDir);

  process.stdout.write(`${CONNECTIONS} concurrent clients, ${DURATION_S} s each, ${process.version}\n`);
  console.table(
    [baseline, spread, oneMember].map((m) => ({
      measure: m.name,
      "per s": Math.round(m.rate),
      "p50 ms": m.p50,
      "p99 ms": m.p99,
      errors: m.errors,
      "ratio to baseline": (m.rate / baseline.rate).toFixed(3),
    })),
  );
  process.stdout.write(
    `charges committed ${spread.done + oneMember.done}, PaymentProcessed records on the stream ${onStream}\n` +
      `one charge: ${sql.statements} SQL statements (${sql.detail}), ${sql.transactions} of them inside BEGIN ... COMMIT\n` +
      `  in order: ${sql.sequence}\n` +
      "(a charge in flight when a run ends is committed but not counted as answered)\n",
  );
} finally {
  await roster.stop();
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** A card for each member, attached through the API with the member's own token (MFA, as the route asks). */
async function withCards(base: string, dataDir: string, members: readonly string[]): Promise<void> {
  const issuer = await LocalIssuer.open(dataDir);
  const clock = LocalClock.open(dataDir);
  for (const member of members) {
    const user = await issuer.issue({ kind: "user", id: member, mfa: true }, clock.now());
    const attached = await fetch(`${base}/payments/users/${encodeURIComponent(member)}/payment-methods`, {
      method: "POST",
      headers: { authorization: `Bearer ${user}`, "content-type": "application/json" },
      body: JSON.stringify({ token: "pm_card_visa_debit" }),
    });
    if (attached.status !== 201) throw new Error(`attaching ${member}'s card failed: ${attached.status}`);
  }
}

/** A load's figures, in the baseline's shape so both print as rows of one table. */
async function chargeLoad(
  base: string,
  service: string,
  members: readonly string[],
  who: string,
): Promise<Measured> {
  let next = 0;
  const options = (duration: number) => ({
    url: base,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: "POST" as const,
        headers: { authorization: `Bearer ${service}`, "content-type": "application/json" },
        body: JSON.stringify({ amount_cents: 999, currency: "USD", description: "Bench charge" }),
        // The members in turn, and a new key for every request: each one is a new charge, not a replay.
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          path: `/payments/users/${encodeURIComponent(members[next++ % members.length] ?? "")}/charges`,
          headers: { ...request.headers, "idempotency-key": randomUUID() },
        }),
      },
    ],
  });
  const warm = await autocannon(options(2)); // warm-up (its charges reach the stream too)
  const result = await autocannon(options(DURATION_S));
  return {
    name: `POST /payments/users/{user_id}/charges, ${who}`,
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    done: warm["2xx"] + result["2xx"],
  };
}

/** How many PaymentProcessed records reached the local stream, once the relay has caught up. */
async function drainedStream(env: NodeJS.ProcessEnv): Promise<number> {
  let last = -1;
  for (;;) {
    const { stdout } = await run(
      process.execPath,
      ["src/runtime/local/events.cli.ts", "tail", "payments", "--no-follow"],
      { env, maxBuffer: 1 << 30 },
    );
    const count = stdout.split("\n").filter((line) => line.includes('"PaymentProcessed"')).length;
    if (count === last) return count;
    last = count;
    await new Promise((done) => setTimeout(done, 1000));
  }
}
