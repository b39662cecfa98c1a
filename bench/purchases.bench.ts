/**
 * Verified notifications acknowledged per second by `POST /apple/pubsub` on the local runtime (each one
 * verified by Apple's SignedDataVerifier, recorded once, its fetch queued), and the latency from the
 * push to the stored state (the fetch worker's read of the loopback App Store Server API, verified and
 * written), p50 and p99, against a same-run baseline: the verifier alone on the same payloads, in this
 * process. Prints ratios; never a pass/fail on time.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres } from "../src/platform/adapters/embedded/embedded-postgres.ts";
import { LocalClock } from "../src/platform/adapters/embedded/local-clock.ts";
import { openSqlite } from "../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../src/platform/adapters/embedded/sqlite-table.store.ts";
import { randomIds } from "../src/platform/time/id-generator.port.ts";
import { AppleNotificationJwsVerifier } from "../src/purchases/adapters/apple/apple-notification.verifier.ts";
import { subscriptionsTable } from "../src/purchases/adapters/dynamodb/purchases.tables.ts";
import { openStoreSandboxes } from "../src/purchases/wiring/local/store-sandboxes.local.ts";
import { startServer } from "./support/processes.ts";

const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 2_000);
const CONNECTIONS = 20;
const BUNDLE = "dev.roster.app";
const MONTH_MS = 30 * 86_400_000;

const dataDir = mkdtempSync(join(tmpdir(), "roster-bench-purchases-"));
chmodSync(dataDir, 0o755);
const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, "postgres") });
const env = {
  ...process.env,
  ROSTER_DATA_DIR: dataDir,
  PORT: "0",
  DATABASE_URL: postgres.connectionString,
  LOG_LEVEL: "WARN",
};
const roster = await startServer("src/runtime/local/main.ts", env);
const db = openSqlite(join(dataDir, "roster.sqlite"));
try {
  const clock = LocalClock.open(dataDir);
  const store = new SqliteTableStore(db, "local", clock);
  const sandboxes = await openStoreSandboxes({ dataDir, store, clock, ids: randomIds });
  // The purchases, made in the App Store's sandbox (not measured): each one's SUBSCRIBED notification.
  const notices = [];
  for (let i = 0; i < NOTIFICATIONS; i++)
    notices.push(
      await sandboxes.appStore.buy({
        bundleId: BUNDLE,
        productId: "dev.roster.premium.monthly",
        environment: "sandbox",
        periodMs: MONTH_MS,
        now: clock.now(),
      }),
    );

  const baseline = await verifierAlone(sandboxes.chain.rootDer, notices);
  const load = await pushAll(roster.base, notices, store);

  process.stdout.write(
    `${NOTIFICATIONS} App Store notifications, ${CONNECTIONS} concurrent pushes, ${process.version}\n`,
  );
  console.table([
    { measure: "SignedDataVerifier alone (this process)", "per s": Math.round(baseline), ratio: "1.000" },
    {
      measure: "POST /apple/pubsub acknowledged (local runtime)",
      "per s": Math.round(load.ackRate),
      ratio: (load.ackRate / baseline).toFixed(3),
      "p50 ms": load.ack.p50,
      "p99 ms": load.ack.p99,
      errors: load.errors,
    },
    {
      measure: "push -> stored state (fetch worker, loopback API)",
      "per s": Math.round(load.storedRate),
      ratio: (load.storedRate / baseline).toFixed(3),
      "p50 ms": load.stored.p50,
      "p99 ms": load.stored.p99,
      errors: NOTIFICATIONS - load.storedCount,
    },
  ]);
} finally {
  db.close();
  await roster.stop();
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Verifications per second of every payload, one after another, with the server's verifier options. */
async function verifierAlone(rootDer: Buffer, notices: readonly { body: { signedPayload: string } }[]) {
  const verifier = new AppleNotificationJwsVerifier({
    rootCertificates: [rootDer],
    apps: [{ bundleId: BUNDLE, appAppleId: 1_234_567_890 }],
    environments: ["sandbox", "production"],
    onlineChecks: false,
  });
  await verifier.verify(notices[0]?.body.signedPayload as string); // warm-up
  const started = performance.now();
  for (const notice of notices) await verifier.verify(notice.body.signedPayload);
  return notices.length / ((performance.now() - started) / 1000);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

/**
 * Pushes every notification with CONNECTIONS in flight, timing each answer; meanwhile watches the
 * subscriptions table's change log (the same SQLite file) for each subscription's first write.
 */
async function pushAll(
  base: string,
  notices: readonly { body: { signedPayload: string }; originalTransactionId?: string }[],
  store: SqliteTableStore,
) {
  const sentAt = new Map<string, number>();
  const storedAt = new Map<string, number>();
  const table = store.tableName(subscriptionsTable);
  let after = 0;
  let watching = true;
  let lastSend = performance.now();
  const watcher = (async () => {
    while (watching || storedAt.size < sentAt.size) {
      for (const record of store.changes.read(table, after, 5_000)) {
        after = record.sequence;
        const id = record.dynamodb?.Keys?.subscriptionId?.S;
        if (record.eventName === "INSERT" && id && !storedAt.has(id)) storedAt.set(id, performance.now());
      }
      if (!watching && performance.now() - lastSend > 60_000) break;
      await new Promise((done) => setTimeout(done, 10));
    }
  })();
  const acks: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < notices.length; i = next++) {
      const notice = notices[i] as (typeof notices)[number];
      const t0 = performance.now();
      sentAt.set(`apple:${notice.originalTransactionId}`, t0);
      const response = await fetch(`${base}/apple/pubsub`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(notice.body),
      });
      await response.arrayBuffer();
      if (response.status !== 200) errors++;
      acks.push(performance.now() - t0);
      lastSend = performance.now();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const ackSeconds = (performance.now() - started) / 1000;
  watching = false;
  await watcher;
  const latencies = [...storedAt].map(([id, at]) => at - (sentAt.get(id) ?? at));
  const lastStored = Math.max(...storedAt.values());
  return {
    ackRate: notices.length / ackSeconds,
    ack: { p50: percentile(acks, 50), p99: percentile(acks, 99) },
    errors,
    storedCount: storedAt.size,
    storedRate: storedAt.size / ((lastStored - started) / 1000),
    stored: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
  };
}
