import { randomUUID } from "node:crypto";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";

/** A load's throughput and latency, in the shape the benches' tables print. */
export interface Measured {
  readonly name: string;
  /** Per second: transactions committed, requests answered. */
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly done: number;
}

/**
 * BEGIN; INSERT one row; COMMIT, from `clients` connections at once for `durationS` seconds, on the
 * PostgreSQL server of `url` (into `bench_rows`, made if missing): what one committed row costs there,
 * the baseline the PostgreSQL benches divide by.
 */
export async function insertBaseline(url: string, clients: number, durationS: number): Promise<Measured> {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  const db = new Kysely<{ bench_rows: { id: string; body: string } }>({
    dialect: new PostgresDialect({ pool }),
  });
  await db.schema
    .createTable("bench_rows")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("body", "text")
    .execute();
  const latencies: number[] = [];
  const until = Date.now() + durationS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        await db
          .transaction()
          .execute((tx) => tx.insertInto("bench_rows").values({ id: randomUUID(), body: "bench" }).execute());
        latencies.push(performance.now() - started);
      }
    }),
  );
  await db.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
  return {
    name: "bare INSERT transaction (same PostgreSQL)",
    rate: latencies.length / durationS,
    p50: at(0.5),
    p99: at(0.99),
    errors: 0,
    done: latencies.length,
  };
}
