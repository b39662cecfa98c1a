import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentsModule } from "../../../src/payments/payments.module.ts";
import { paymentsDatabaseName } from "../../../src/payments/wiring/local/payments.local.ts";
import { localConfigSchema } from "../../../src/platform/config/local.config.ts";
import { type LocalRuntime, startLocalRuntime } from "../../../src/runtime/local/start-local-runtime.ts";
import { usersModule } from "../../../src/users/users.module.ts";
import type { Json } from "../../support/json.ts";
import { testLogger } from "../../support/log-capture.ts";
import { freshDatabase, type TestDatabase } from "../../support/test-database.ts";

/** The Payment Service in the local process: beside the User Service, on its own database and role. */
describe("the Payment Service on the local runtime", () => {
  let database: TestDatabase<unknown>;
  const dataDir = mkdtempSync(join(tmpdir(), "roster-payments-local-"));
  const start = () =>
    startLocalRuntime(
      localConfigSchema.parse({
        ROSTER_DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        STAGE: "test",
        LOG_LEVEL: "SILENT",
      }),
      testLogger("test-payments-local"),
      { services: [usersModule, paymentsModule] },
    );
  let runtime: LocalRuntime;

  beforeAll(async () => {
    database = await freshDatabase();
    runtime = await start();
  });

  afterAll(async () => {
    await runtime?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("reports its own store on /health and serves its document beside the User Service's", async () => {
    const health: Json = await (await runtime.app.request("/health")).json();
    const index: Json = await (await runtime.app.request("/")).json();
    const doc: Json = await (await runtime.app.request("/openapi/payments.json")).json();

    expect(health.stores["payments-postgres"]).toEqual({ status: "ok" });
    expect(index.services.map((s: Json) => s.name)).toEqual(["users", "payments"]);
    expect(doc.info.title).toBe("Roster Payment Service");
  });

  it("keeps its data in a database of its own, owned by its own role, that PUBLIC may not enter", async () => {
    const name = paymentsDatabaseName(database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select pg_get_userbyid(datdba) as owner,
                has_database_privilege('public', datname, 'CONNECT') as public_connect
           from pg_database where datname = $1`,
        [name],
      );
      expect(rows).toEqual([{ owner: name, public_connect: false }]);
    } finally {
      await client.end();
    }
  });

  it("starts again on the same data folder and server: the role keeps the password kept in the folder", async () => {
    await runtime.close();
    runtime = await start();

    const health: Json = await (await runtime.app.request("/health")).json();
    expect(health.stores["payments-postgres"]).toEqual({ status: "ok" });
  });
});
