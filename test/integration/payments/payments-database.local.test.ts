import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, inject, it } from "vitest";
import { paymentsMigrations } from "../../../src/payments/adapters/postgres/payments.migrations.ts";
import { openLocalPaymentsDatabase } from "../../../src/payments/wiring/local/payments-database.local.ts";
import { closeDatabase, createDatabase } from "../../../src/platform/relational/database.ts";
import { testLogger } from "../../support/log-capture.ts";

describe("the Payment Service's database in the local process", () => {
  it("is its own database and role, migrated, and opened again without migrating twice", async () => {
    const name = `payments_test_${randomBytes(4).toString("hex")}`;
    const dataDir = await mkdtemp(join(tmpdir(), "roster-payments-test-"));
    const options = {
      postgresUrl: inject("postgresUrl"),
      dataDir,
      logger: testLogger("test"),
      name,
    };
    try {
      const first = await openLocalPaymentsDatabase(options);
      const { rows } = await sql<{
        role: string;
        db: string;
      }>`select current_user as role, current_database() as db`.execute(first);
      await closeDatabase(first);
      const second = await openLocalPaymentsDatabase(options);
      const tables = await sql<{ n: number }>`select count(*)::int as n from payments_migration`.execute(
        second,
      );
      await closeDatabase(second);

      expect(rows).toEqual([{ role: name, db: name }]);
      // Each migration recorded once: the second opening ran none again.
      expect(tables.rows).toEqual([{ n: Object.keys(paymentsMigrations).length }]);
    } finally {
      const admin = createDatabase<unknown>(inject("postgresUrl"), { maxConnections: 1 });
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await sql`drop role if exists ${sql.id(name)}`.execute(admin);
      await closeDatabase(admin);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
