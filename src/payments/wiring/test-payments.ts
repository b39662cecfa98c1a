import type { Kysely } from "kysely";
import type { LocalIssuer } from "../../platform/adapters/embedded/local-issuer.ts";
import { openSqlite } from "../../platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../platform/adapters/embedded/sqlite-table.store.ts";
import { testRunLogger } from "../../platform/logging/test-run.logger.ts";
import { CursorCodec } from "../../platform/store/cursor-codec.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import { randomIds } from "../../platform/time/id-generator.port.ts";
import type { PaymentsDatabase } from "../adapters/postgres/payments.tables.ts";
import { SandboxGateway } from "../adapters/sandbox/sandbox.gateway.ts";
import { createPaymentsApp } from "../api/payments.app.ts";
import { paymentsServices } from "./payments.services.ts";

export interface TestPaymentsOptions {
  /** A migrated payments database (tests share one per file and empty it between tests). */
  readonly db: Kysely<PaymentsDatabase>;
  /** The test's clock: the service's records and its tokens' lifetimes follow it. */
  readonly clock: Clock;
  /** The issuer whose service and user tokens the app accepts. */
  readonly issuer: LocalIssuer;
}

/** The webhook secret of the tests' sandbox gateway (a test value, never a real one). */
export const TEST_WEBHOOK_SECRET = "whsec_roster_test_only";

/**
 * The composition root of the Payment Service for tests: its PostgreSQL repositories on the given
 * database, the sandbox gateway in an in-memory embedded store, and the app as the local process runs it.
 */
export function buildTestPayments(options: TestPaymentsOptions) {
  const { db, clock, issuer } = options;
  const store = new SqliteTableStore(openSqlite(":memory:"), "test", clock);
  const gateway = new SandboxGateway({ store, clock, ids: randomIds, webhookSecret: TEST_WEBHOOK_SECRET });
  const { payments, outbox } = paymentsServices({
    db,
    gateway,
    clock,
    ids: randomIds,
    cursors: CursorCodec.ephemeral(clock),
  });
  const app = createPaymentsApp({
    payments,
    logger: testRunLogger("roster-test-payments"),
    principals: issuer.principalResolver(clock),
    health: [],
    jwks: () => issuer.jwks(),
  });
  return { app, gateway, payments, outbox };
}
