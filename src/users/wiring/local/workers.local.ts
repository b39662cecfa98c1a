import type { LocalIssuer } from "../../../platform/adapters/embedded/local-issuer.ts";
import type { SqliteStreams } from "../../../platform/adapters/embedded/sqlite-streams.ts";
import type { SqliteTableStore } from "../../../platform/adapters/embedded/sqlite-table.store.ts";
import { TableStorePersistenceLayer } from "../../../platform/idempotency/table-store.persistence.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
import type { Metrics } from "../../../platform/metrics/metrics.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { bearerAuthorizer } from "../../adapters/http/user-service-api.authorizers.ts";
import { HttpUserServiceApi } from "../../adapters/http/user-service-api.http.ts";
import { SandboxAnalytics } from "../../adapters/sandbox/analytics.sandbox.ts";
import { SandboxArrayService } from "../../adapters/sandbox/array-service.sandbox.ts";
import type { UsersAppServices } from "../../api/users.app.ts";
import type { CleanupWorkerDeps } from "../../workers/cleanup.worker.ts";
import type { KinesisFeederDeps } from "../../workers/kinesis-feeder.worker.ts";
import type { PaymentWorkerDeps } from "../../workers/payment.worker.ts";
import type { SoftOptInWorkerDeps } from "../../workers/soft-opt-in.worker.ts";
import type { SubscriptionsWorkerDeps } from "../../workers/subscriptions.worker.ts";

export interface LocalWorkerParts {
  readonly store: SqliteTableStore;
  readonly streams: SqliteStreams;
  readonly usersStream: string;
  readonly services: UsersAppServices;
  /** The in-process app: the payment worker bans through it, as it calls the API on AWS. */
  readonly fetch: (request: Request) => Promise<Response>;
  readonly issuer: LocalIssuer;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface LocalWorkerDeps {
  readonly payment: PaymentWorkerDeps;
  readonly subscriptions: SubscriptionsWorkerDeps;
  readonly feeder: KinesisFeederDeps;
  readonly cleanup: CleanupWorkerDeps;
  readonly softOptIns: SoftOptInWorkerDeps;
}

/**
 * The four workers' dependencies in the local process: the same repositories and sandboxes the API
 * uses, the Segment and Array sandboxes (durable in the store, so `npm run events -- segment` can list
 * what was sent), Powertools Metrics (EMF on stdout) and the local streams.
 */
export function localWorkerDeps(parts: LocalWorkerParts): LocalWorkerDeps {
  const { store, services, clock, logger } = parts;
  const lifecycle = services.lifecycle;
  const serviceToken = () => parts.issuer.issue({ kind: "service", id: "payment-worker" }, clock.now());
  return {
    payment: {
      logger,
      catalog: lifecycle.catalog,
      api: new HttpUserServiceApi({
        baseUrl: "http://roster.local",
        fetch: parts.fetch,
        authorize: bearerAuthorizer(serviceToken),
        logger,
      }),
    },
    subscriptions: {
      ...lifecycle,
      logger,
      analytics: new SandboxAnalytics({ store, clock }),
      metrics: parts.metrics,
      idempotency: new TableStorePersistenceLayer({ store }),
    },
    feeder: { producer: parts.streams, stream: parts.usersStream, logger },
    cleanup: {
      logger,
      memberships: lifecycle.memberships,
      transactions: lifecycle.transactions,
      accounts: lifecycle.accounts,
      array: new SandboxArrayService({ store, clock }),
    },
    softOptIns: { ...services.consents, logger },
  };
}
