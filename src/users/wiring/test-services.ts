import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { LocalIssuer, type TokenRequest } from "../../platform/adapters/embedded/local-issuer.ts";
import { openSqlite } from "../../platform/adapters/embedded/sqlite.database.ts";
import { SqliteEventBus } from "../../platform/adapters/embedded/sqlite-event-bus.ts";
import { SqliteTableStore } from "../../platform/adapters/embedded/sqlite-table.store.ts";
import { UnavailableError } from "../../platform/errors/app.errors.ts";
import { testRunLogger } from "../../platform/logging/test-run.logger.ts";
import { CursorCodec } from "../../platform/store/cursor-codec.ts";
import { tableStoreHealth } from "../../platform/store/table-store.health.ts";
import type { TableStore } from "../../platform/store/table-store.port.ts";
import { ManualClock } from "../../platform/time/clock.port.ts";
import { sequentialIds } from "../../platform/time/id-generator.port.ts";
import { usersTable } from "../adapters/dynamodb/users.tables.ts";
import { SqliteCleanupQueue } from "../adapters/embedded/cleanup-queue.sqlite.ts";
import { PostgresUserSearch } from "../adapters/postgres/usermodel.search.ts";
import type { UsersDatabase } from "../adapters/postgres/usermodel.table.ts";
import { createUsersApp, type UsersAppServices } from "../api/users.app.ts";
import { USER_STATUSES, type UserStatus } from "../domain/user.ts";
import type { PaymentService } from "../ports/payment-service.port.ts";
import type { SubscriptionService } from "../ports/subscription-service.port.ts";
import type { UserSearch } from "../ports/user-search.port.ts";
import { embeddedUsersServices } from "./local/embedded-users.services.ts";

export const TEST_NOW = "2026-11-22T09:30:00.000Z";
/** The source address every test request comes from (TEST-NET-3, RFC 5737). */
export const TEST_SOURCE_ADDRESS = "203.0.113.7";

export interface TestServicesOptions {
  /** Another table store than the in-memory embedded one (e.g. DynamoDB Local), on the test clock. */
  readonly store?: (clock: ManualClock) => TableStore | Promise<TableStore>;
  /** A migrated usermodel database (`freshDatabase()`), for tests of the search; without it search answers 503. */
  readonly usermodel?: Kysely<UsersDatabase>;
  readonly overrides?: Partial<UsersAppServices>;
  /**
   * Roster's Payment Service for the membership lifecycle, on the test's clock and issuer (the tests'
   * `testPaymentService()` gives the real one on PostgreSQL); without it every payment call answers 503.
   */
  readonly payments?: (parts: {
    readonly clock: ManualClock;
    readonly issuer: LocalIssuer;
  }) => PaymentService;
  /**
   * Roster's Subscription Service for the membership lifecycle, on the test's clock and issuer (the
   * tests' `useSubscriptionService().forUsers` gives the real one; `users` is this User Service's app,
   * for billing's calls back); without it every subscription call answers 503.
   */
  readonly subscriptions?: (parts: {
    readonly clock: ManualClock;
    readonly issuer: LocalIssuer;
    readonly users: { fetch(request: Request): Response | Promise<Response> };
  }) => SubscriptionService;
}

/** Search without PostgreSQL: most tests need none, and must not start one. */
const noUserSearch: UserSearch = {
  search: () =>
    Promise.reject(new UnavailableError("no usermodel database: pass `usermodel` to buildTestServices")),
  // An empty projection: the edge's tests call every route, and this one has no required input.
  membersReport: async (window) => ({
    total: 0,
    byStatus: Object.fromEntries(USER_STATUSES.map((s) => [s, 0])) as Record<UserStatus, number>,
    byPlatform: { ios: 0, android: 0, unknown: 0 },
    daily: window.days.map((day) => ({ day, joined: 0, total: 0 })),
  }),
};

/** Payments without the Payment Service: tests of other things need none, and must not start one. */
const noPaymentService = (): never => {
  throw new UnavailableError("no Payment Service: pass `payments` to buildTestServices");
};
/** Billing without the Subscription Service: tests of other things need none, and must not start one. */
const noSubscriptionService = (): never => {
  throw new UnavailableError("no Subscription Service: pass `subscriptions` to buildTestServices");
};
const noSubscriptions: SubscriptionService = {
  activate: async () => noSubscriptionService(),
  pause: async () => noSubscriptionService(),
  resume: async () => noSubscriptionService(),
  upgrade: async () => noSubscriptionService(),
  downgrade: async () => noSubscriptionService(),
  cancel: async () => noSubscriptionService(),
  reactivate: async () => noSubscriptionService(),
  currentPeriod: async () => noSubscriptionService(),
};

const noPayments: PaymentService = {
  charge: async () => noPaymentService(),
  refund: async () => noPaymentService(),
  activeDebitCard: async () => noPaymentService(),
};

/** The composition root for tests: embedded stores in memory, a fixed clock, the local issuer. */
export async function buildTestServices(options: TestServicesOptions = {}) {
  const clock = new ManualClock(TEST_NOW);
  // The bus shares the in-memory store's SQLite database, as locally; beside another store it has its own.
  const sqlite = openSqlite(":memory:");
  const cursors = CursorCodec.ephemeral(clock);
  const store = (await options.store?.(clock)) ?? new SqliteTableStore(sqlite, "test", clock, cursors);
  // Every line at DEBUG into the run's log folder, which the run scans for card data and secrets.
  const logger = testRunLogger("roster-test");
  const bus = new SqliteEventBus(sqlite, logger);
  // The cleanup queue lives in the same SQLite database as the in-memory store, as locally.
  const cleanup = new SqliteCleanupQueue(sqlite, () => clock.now());
  const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-issuer-")));
  const payments = options.payments?.({ clock, issuer }) ?? noPayments;
  // Billing calls this User Service back (a downgrade finalized, a cancellation completed): its app, once built.
  let app: ReturnType<typeof createUsersApp> | undefined;
  const users = {
    fetch: (request: Request) => {
      if (!app) throw new Error("the User Service is still being built");
      return app.fetch(request);
    },
  };
  const subscriptions = options.subscriptions?.({ clock, issuer, users }) ?? noSubscriptions;
  const embedded = await embeddedUsersServices({
    payments,
    subscriptions,
    store,
    clock,
    // Sequential ids make sandbox records and subscriptions readable in failures; tests steer them by user id.
    ids: (sandbox) => sequentialIds(sandbox === "membership" ? "sandbox" : sandbox),
    logger,
    events: bus,
    issuer,
    health: [tableStoreHealth(store, usersTable)],
    search: options.usermodel ? new PostgresUserSearch(options.usermodel, cursors) : noUserSearch,
    sourceAddress: () => TEST_SOURCE_ADDRESS,
    cleanupQueue: cleanup,
  });
  const services: UsersAppServices = { ...embedded.services, ...options.overrides };
  const { sandboxes } = embedded;
  app = createUsersApp(services);
  const token = (request: TokenRequest) => issuer.issue(request, clock.now());
  return {
    app: app as ReturnType<typeof createUsersApp>,
    clock,
    store,
    bus,
    issuer,
    services,
    token,
    sandboxes,
    cleanup,
  };
}
