import type { QueueDeclaration } from "../../../platform/events/channel.contract.ts";

/**
 * The Purchases service's own queues as definitions (names only, no behaviour): the local runtime
 * declares them from here (purchases.module.ts) and infra/lib/purchases/ names the SQS queues from
 * here, so a physical name is written once. The soft opt-in queue, which the User Service reads, is
 * the contract's (src/contracts/purchases/soft-opt-in.message.ts).
 */

/** `{stage}-purchases-fetch.fifo`: a subscription's state to fetch from its store, grouped by subscription. */
export const fetchQueue: QueueDeclaration = {
  name: "fetch",
  fifo: true,
  physicalName: (stage) => `${stage}-purchases-fetch.fifo`,
  deadLetterName: (stage) => `${stage}-purchases-fetch-dlq.fifo`,
};

/** `{stage}-purchases-snapshots`: the historical snapshot of every subscription change. */
export const snapshotsQueue: QueueDeclaration = {
  name: "snapshots",
  physicalName: (stage) => `${stage}-purchases-snapshots`,
  deadLetterName: (stage) => `${stage}-purchases-snapshots-dlq`,
};
