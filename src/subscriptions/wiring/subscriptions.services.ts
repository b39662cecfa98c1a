import type { Kysely } from "kysely";
import type { Logger } from "../../platform/logging/logger.ts";
import type { Metrics } from "../../platform/metrics/metrics.port.ts";
import type { OutboxPublish } from "../../platform/outbox/outbox-relay.ts";
import { PostgresOutbox } from "../../platform/relational/postgres-outbox.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../platform/time/id-generator.port.ts";
import { PostgresBillingStore } from "../adapters/postgres/billing.store.ts";
import { PostgresBillingReports } from "../adapters/postgres/billing-report.read.ts";
import { PostgresSubscriptionStore } from "../adapters/postgres/subscription.store.ts";
import type { SubscriptionsDatabase } from "../adapters/postgres/subscriptions.tables.ts";
import type { Memberships } from "../ports/membership.port.ts";
import type { RenewalCharges } from "../ports/renewal-charges.port.ts";
import type { SubscriptionDeps } from "../use-cases/subscription.deps.ts";
import type { BillingRunDeps } from "../workers/billing-run.worker.ts";
import type { FollowupDeps } from "../workers/membership-followups.worker.ts";
import { outboxRoutes, type SubscriptionsRelayParts } from "./outbox-routes.ts";

export interface SubscriptionsParts {
  /** The service's own database, migrated. */
  readonly db: Kysely<SubscriptionsDatabase>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Roster's Payment Service, as the billing runner charges through it. */
  readonly charges: RenewalCharges;
  /** Roster's User Service, as billing tells it what it did. */
  readonly memberships: Memberships;
}

/**
 * The Subscription Service's use cases over its PostgreSQL stores: the one composition of every
 * runtime (the local process, the tests, the Lambdas), which differ only in their parts.
 */
export function subscriptionsServices(parts: SubscriptionsParts) {
  const { db, clock, ids, logger, metrics } = parts;
  const { billing, subscriptions } = subscriptionsStores(parts);
  const run: BillingRunDeps = { billing, charges: parts.charges, clock, ids, logger, metrics };
  const followups: FollowupDeps = { billing, memberships: parts.memberships, clock, logger };
  return {
    subscriptions,
    run,
    followups,
    outbox: new PostgresOutbox({ db, clock }),
    /** Where the outbox's records go: the stream, the bus. */
    publish: (relay: SubscriptionsRelayParts): OutboxPublish => outboxRoutes(relay),
  };
}

/**
 * The stores alone, for the paths that call no other service (the API, the stream workers): on AWS
 * they are built without the Payment and User Services' clients.
 */
export function subscriptionsStores(parts: Pick<SubscriptionsParts, "db" | "clock" | "ids">) {
  const { db, clock, ids } = parts;
  const subscriptions: SubscriptionDeps = {
    store: new PostgresSubscriptionStore({ db, clock, ids }),
    reports: new PostgresBillingReports(db),
    clock,
    ids,
  };
  return { billing: new PostgresBillingStore({ db, clock, ids }), subscriptions };
}
