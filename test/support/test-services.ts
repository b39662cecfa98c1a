import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalIssuer, type TokenRequest } from "../../src/platform/adapters/embedded/local-issuer.ts";
import { openSqlite } from "../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { createLogger } from "../../src/platform/logging/logger.ts";
import { tableStoreHealth } from "../../src/platform/store/table-store.health.ts";
import type { TableStore } from "../../src/platform/store/table-store.port.ts";
import { ManualClock } from "../../src/platform/time/clock.port.ts";
import { type AppServices, createApp } from "../../src/runtime/http/create-app.ts";
import { UserStoreRepository } from "../../src/users/adapters/user-store.repository.ts";
import { usersTable } from "../../src/users/adapters/users.tables.ts";

export const TEST_NOW = "2026-11-22T09:30:00.000Z";

export interface TestServicesOptions {
  /** Another table store than the in-memory embedded one (e.g. DynamoDB Local), on the test clock. */
  readonly store?: (clock: ManualClock) => TableStore | Promise<TableStore>;
  readonly overrides?: Partial<AppServices>;
}

/** The composition root for tests: embedded stores in memory, a fixed clock, the local issuer. */
export async function buildTestServices(options: TestServicesOptions = {}) {
  const clock = new ManualClock(TEST_NOW);
  const store = (await options.store?.(clock)) ?? new SqliteTableStore(openSqlite(":memory:"), "test", clock);
  const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-issuer-")));
  const services: AppServices = {
    logger: createLogger("roster-test", "SILENT"),
    principals: issuer.principalResolver(clock),
    health: [tableStoreHealth(store, usersTable)],
    users: { users: new UserStoreRepository(store), clock },
    jwks: () => issuer.jwks(),
    ...options.overrides,
  };
  const app = createApp(services);
  const token = (request: TokenRequest) => issuer.issue(request, clock.now());
  return { app, clock, store, issuer, services, token };
}
