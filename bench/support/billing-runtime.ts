import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { PaymentsDatabase } from "../../src/payments/adapters/postgres/payments.tables.ts";
import { paymentsDatabaseName } from "../../src/payments/wiring/local/payments.local.ts";
import { LocalIssuer } from "../../src/platform/adapters/embedded/local-issuer.ts";
import { openSqlite } from "../../src/platform/adapters/embedded/sqlite.database.ts";
import { shardId } from "../../src/platform/adapters/embedded/sqlite-streams.ts";
import { localConfigSchema } from "../../src/platform/config/local.config.ts";
import { localChannels } from "../../src/runtime/local/local-channels.ts";
import { SERVICES } from "../../src/runtime/local/services.ts";
import type { SubscriptionsDatabase } from "../../src/subscriptions/adapters/postgres/subscriptions.tables.ts";
import { SUBSCRIPTION_MAPPINGS } from "../../src/subscriptions/wiring/local/event-sources.local.ts";
import { subscriptionsDatabaseName } from "../../src/subscriptions/wiring/local/subscriptions.local.ts";
import { type Server, startServer } from "./processes.ts";

export type BillingRuntime = Awaited<ReturnType<typeof startBillingRuntime>>;

/** A record of the `subscriptions` stream as the bench reads it. */
export interface StreamedUpdate {
  readonly userId: string;
  readonly event: string;
  /** When it was put on the local clock, ms since the epoch (less `offsetMs()`: the real time). */
  readonly arrivedAt: number;
}

/**
 * `src/runtime/local/main.ts` in its own process on a fresh data folder, its services' databases on the
 * given PostgreSQL server under the admin database `adminDb` (made here, so two runtimes share one
 * server without sharing a table), with what a bench needs beside its HTTP API: service tokens at the
 * local clock's time, the clock's move, the two billing databases read directly, and the
 * `subscriptions` stream read from the data folder's SQLite file as `npm run events -- tail` reads it.
 * `beforeStart` writes into the fresh data folder before the process opens it (a bench's seed).
 */
export async function startBillingRuntime(
  serverUrl: string,
  adminDb: string,
  beforeStart?: (dataDir: string, env: NodeJS.ProcessEnv) => Promise<void>,
) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${adminDb}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${adminDb}`;
  const adminUrl = url.toString();
  const dataDir = mkdtempSync(join(tmpdir(), "roster-bench-billing-"));
  chmodSync(dataDir, 0o755);
  const env = {
    ...process.env,
    ROSTER_DATA_DIR: dataDir,
    PORT: "0",
    DATABASE_URL: adminUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "ERROR",
  };
  let server: Server | undefined;
  try {
    await beforeStart?.(dataDir, env);
    server = await startServer("src/runtime/local/main.ts", env);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const issuer = await LocalIssuer.open(dataDir);
  let offsetMs = 0;
  const localNow = () => new Date(Date.now() + offsetMs);
  const token = () => issuer.issue({ kind: "service", id: "bench-billing" }, localNow());

  const database = <T>(name: string) => {
    const at = new URL(serverUrl);
    at.pathname = `/${name}`;
    return new Kysely<T>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: at.toString(), max: 2 }) }),
    });
  };
  const subscriptions = database<SubscriptionsDatabase>(subscriptionsDatabaseName(adminUrl));
  const payments = database<PaymentsDatabase>(paymentsDatabaseName(adminUrl));

  const config = localConfigSchema.parse(env);
  const sqlite = openSqlite(join(dataDir, "roster.sqlite"));
  const channels = localChannels(sqlite, config, SERVICES, localNow);
  const stream = channels.streamNames.subscriptions as string;
  let cursor: string | undefined;

  const paymentsStream = channels.streamNames.payments as string;
  const lastOfShards = sqlite.prepare(
    "SELECT shard, MAX(seq) AS seq FROM stream_records WHERE stream = ? GROUP BY shard",
  );
  const checkpoints = sqlite.prepare(
    "SELECT shard, position FROM event_source_checkpoints WHERE mapping = ?",
  );
  const paymentsWorkerAtEnd = () => {
    const done = new Map(
      (checkpoints.all(SUBSCRIPTION_MAPPINGS.payments) as { shard: string; position: string }[]).map((c) => [
        c.shard,
        Number(c.position),
      ]),
    );
    return (lastOfShards.all(paymentsStream) as { shard: number; seq: number }[]).every(
      (last) => (done.get(shardId(last.shard)) ?? 0) >= last.seq,
    );
  };

  const base = server.base;
  return {
    base,
    dataDir,
    /** The local process's pid (its memory is read from /proc). */
    pid: server.child.pid as number,
    subscriptions,
    payments,
    /** The local clock's offset from the real time, as the last move answered it. */
    offsetMs: () => offsetMs,
    /** A call to the local process's API as the service `bench-billing`. */
    async call(method: string, path: string, body?: unknown, key?: string): Promise<Response> {
      return fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await token()}`,
          "content-type": "application/json",
          ...(key ? { "idempotency-key": key } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
    /**
     * `POST /local/clock {advance}`: answers once every schedule has run at the new time (through
     * node:http, without fetch's 300-second wait for the answer's headers: a large run takes longer).
     */
    async advance(duration: string): Promise<void> {
      const answer = await postJson(`${base}/local/clock`, await token(), { advance: duration });
      if (answer.status !== 200)
        throw new Error(`moving the clock answered ${answer.status}: ${answer.body}`);
      offsetMs = (JSON.parse(answer.body) as { offset_ms: number }).offset_ms;
    },
    /** The `subscriptions` stream's records put since the last call (the first: all retained). */
    tail(): StreamedUpdate[] {
      const seen: StreamedUpdate[] = [];
      for (;;) {
        const page = channels.streams.tail(stream, cursor === undefined ? {} : { cursor }, 1000);
        for (const { kinesis } of page.records) {
          const data = JSON.parse(Buffer.from(kinesis.data, "base64").toString("utf8")) as {
            payload?: { updated_event?: string };
          };
          seen.push({
            userId: kinesis.partitionKey,
            event: data.payload?.updated_event ?? "",
            arrivedAt: kinesis.approximateArrivalTimestamp * 1000,
          });
        }
        cursor = page.cursor;
        if (page.records.length < 1000) return seen;
      }
    },
    /** Until the Subscription Service's outbox is relayed (every committed change is on the stream or the bus). */
    relayed: (deadlineMs = 120_000) => untilRelayed(subscriptions, deadlineMs),
    /**
     * Until what billing's charges caused has been handled, as a day of real time would leave it: the
     * Payment Service's outbox relayed to `payments`, and the Subscription Service's payments worker
     * past the stream's last record in every shard.
     */
    async caughtUp(deadlineMs = 120_000): Promise<void> {
      await untilRelayed(payments, deadlineMs);
      const until = Date.now() + deadlineMs;
      while (!paymentsWorkerAtEnd()) {
        if (Date.now() > until) throw new Error("the payments worker did not reach the stream's end");
        await new Promise((done) => setTimeout(done, 20));
      }
    },
    async stop(): Promise<void> {
      sqlite.close();
      await subscriptions.destroy();
      await payments.destroy();
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function untilRelayed<DB>(db: Kysely<DB>, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from outbox where relayed_at is null`.execute(db);
    if (Number(rows[0]?.n) === 0) return;
    if (Date.now() > until) throw new Error(`${rows[0]?.n} outbox rows still not relayed`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** A POST with a JSON body that waits for its answer as long as it takes. */
function postJson(url: string, bearer: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}
