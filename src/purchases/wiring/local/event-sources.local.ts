import type {
  ChangeFeedSourceDeclaration,
  EventSourceDeclaration,
  QueueSourceDeclaration,
} from "../../../platform/service/event-source.declaration.ts";
import { subscriptionsTable, userSubscriptionsTable } from "../../adapters/dynamodb/purchases.tables.ts";
import { type FetchWorkerDeps, handleFetchMessages } from "../../workers/fetch.worker.ts";
import { handleLinkChanges, type LinkChangesDeps } from "../../workers/link-changes.worker.ts";
import { handleSnapshotMessages, type SnapshotWorkerDeps } from "../../workers/snapshot.worker.ts";
import {
  handleSubscriptionChanges,
  type SubscriptionChangesDeps,
} from "../../workers/subscription-changes.worker.ts";

/** The mapping names: they key checkpoints and dead letters, and name the functions in logs. */
export const PURCHASES_MAPPINGS = {
  fetch: "purchases-fetch",
  links: "purchases-link-changes",
  subscriptions: "purchases-subscription-changes",
  snapshots: "purchases-snapshots",
} as const;

export interface PurchasesWorkers {
  readonly fetch: FetchWorkerDeps;
  readonly links: LinkChangesDeps;
  readonly subscriptions: SubscriptionChangesDeps;
  readonly snapshots: SnapshotWorkerDeps;
}

/**
 * The four workers on their event sources, with the settings of their AWS event source mappings (the
 * CDK app sets the same): the fetch worker on the FIFO queue (a failed message holds its group back),
 * the two change feeds in order with failures reported by sequence number, the snapshot archiver.
 */
export function purchasesEventSources(workers: PurchasesWorkers): EventSourceDeclaration[] {
  const fetch: QueueSourceDeclaration = {
    name: PURCHASES_MAPPINGS.fetch,
    queue: "fetch",
    settings: { batchSize: 10, reportBatchItemFailures: true },
    handler: ({ Records }, context) => handleFetchMessages(workers.fetch, Records, context),
  };
  const links: ChangeFeedSourceDeclaration = {
    name: PURCHASES_MAPPINGS.links,
    changesOf: userSubscriptionsTable,
    settings: { reportBatchItemFailures: true, bisectBatchOnFunctionError: true },
    handler: ({ Records }, context) => handleLinkChanges(workers.links, Records, context),
  };
  const subscriptions: ChangeFeedSourceDeclaration = {
    name: PURCHASES_MAPPINGS.subscriptions,
    changesOf: subscriptionsTable,
    settings: { reportBatchItemFailures: true, bisectBatchOnFunctionError: true },
    handler: ({ Records }, context) => handleSubscriptionChanges(workers.subscriptions, Records, context),
  };
  const snapshots: QueueSourceDeclaration = {
    name: PURCHASES_MAPPINGS.snapshots,
    queue: "snapshots",
    settings: { reportBatchItemFailures: true },
    handler: ({ Records }, context) => handleSnapshotMessages(workers.snapshots, Records, context),
  };
  return [fetch, links, subscriptions, snapshots];
}
