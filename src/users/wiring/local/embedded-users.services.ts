import type { LocalIssuer } from "../../../platform/adapters/embedded/local-issuer.ts";
import type { EventPublisher } from "../../../platform/events/event-publisher.port.ts";
import type { HealthCheck } from "../../../platform/http/health.routes.ts";
import type { SourceAddress } from "../../../platform/http/source-address.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import { SandboxMlaLookup } from "../../adapters/sandbox/mla-lookup.sandbox.ts";
import { SandboxTransactionsService } from "../../adapters/sandbox/transactions-service.sandbox.ts";
import type { UsersAppServices } from "../../api/users.app.ts";
import type { CleanupQueue } from "../../ports/cleanup-queue.port.ts";
import type { PaymentService } from "../../ports/payment-service.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import type { UserSearch } from "../../ports/user-search.port.ts";
import { userServiceServices } from "../users.services.ts";
import { sandboxMembershipServices } from "./sandbox-membership-services.ts";

/** What differs between the local process, the tests and the benchmarks around the embedded store. */
export interface EmbeddedUsersParts {
  /** The primary table's store; it holds the legacy tables too (on AWS a second, other-region store). */
  readonly store: TableStore;
  readonly clock: Clock;
  /** Ids of each sandbox's records: random locally, sequential (readable in failures) in tests. */
  readonly ids: (sandbox: "membership" | "kyc" | "mla") => IdGenerator;
  readonly logger: Logger;
  readonly events: EventPublisher;
  readonly issuer: LocalIssuer;
  readonly health: readonly HealthCheck[];
  readonly search: UserSearch;
  readonly sourceAddress: SourceAddress;
  readonly cleanupQueue: CleanupQueue;
  /** Roster's Payment Service: its HTTP client, on the in-process app locally. */
  readonly payments: PaymentService;
  /** Roster's Subscription Service: its HTTP client, on the in-process app locally. */
  readonly subscriptions: SubscriptionService;
}

/**
 * The User Service's services on the embedded store, Roster's Payment and Subscription Services through
 * `payments` and `subscriptions`,
 * sandboxes of every other system (outside Roster, or not built yet)
 * (steered by user id and SSN: src/users/README.md, "Sandboxes and their steering") and the local issuer.
 * The sandboxes come back by their own types, so tests can read ledgers.
 */
export async function embeddedUsersServices(parts: EmbeddedUsersParts) {
  const { store, clock, ids, logger, issuer } = parts;
  const sandboxes = await sandboxMembershipServices({
    store,
    clock,
    payments: parts.payments,
    subscriptions: parts.subscriptions,
  });
  const services: UsersAppServices = {
    logger,
    principals: issuer.principalResolver(clock),
    health: parts.health,
    ...userServiceServices({
      store,
      legacyStore: store,
      clock,
      events: parts.events,
      logger,
      transactions: new SandboxTransactionsService({ store, clock, ids: ids("kyc") }),
      mlaLookup: new SandboxMlaLookup({ ids: ids("mla") }),
      search: parts.search,
      sourceAddress: parts.sourceAddress,
      membershipServices: sandboxes,
      cleanupQueue: parts.cleanupQueue,
    }),
    jwks: () => issuer.jwks(),
  };
  return { services, sandboxes };
}
