import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { idempotencyPersistenceContract } from "./idempotency-persistence.contract.ts";

idempotencyPersistenceContract(
  "embedded (node:sqlite in memory)",
  async (clock) => new SqliteTableStore(openSqlite(":memory:"), "test", clock),
);
