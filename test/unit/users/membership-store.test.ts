import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { membershipStoreSuite } from "../../suites/users/membership-store.suite.ts";

membershipStoreSuite(
  "the embedded store",
  async (clock) => new SqliteTableStore(openSqlite(":memory:"), "test", clock),
);
