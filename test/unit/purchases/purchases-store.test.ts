import { DatabaseSync } from "node:sqlite";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { purchasesStoreSuite } from "../../suites/purchases/purchases-store.suite.ts";

purchasesStoreSuite(
  "the embedded store",
  async (clock) => new SqliteTableStore(new DatabaseSync(":memory:"), "test", clock),
);
