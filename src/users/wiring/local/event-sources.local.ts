import { SOFT_OPT_IN_QUEUE } from "../../../contracts/purchases/soft-opt-in.message.ts";
import type {
  ChangeFeedSourceDeclaration,
  EventSourceDeclaration,
  QueueSourceDeclaration,
  StreamSourceDeclaration,
} from "../../../platform/service/event-source.declaration.ts";
import { usersTable } from "../../adapters/dynamodb/users.tables.ts";
import { handleCleanupMessages } from "../../workers/cleanup.worker.ts";
import { feedUserChanges } from "../../workers/kinesis-feeder.worker.ts";
import { handlePaymentRecords } from "../../workers/payment.worker.ts";
import { handleSoftOptInMessages } from "../../workers/soft-opt-in.worker.ts";
import { subscriptionsWorker } from "../../workers/subscriptions.worker.ts";
import type { LocalWorkerDeps } from "./workers.local.ts";

/** The mapping names: they key checkpoints and dead letters, and name the functions in logs. */
export const MAPPINGS = {
  payment: "user-service-payment-worker",
  subscriptions: "user-service-subscriptions",
  feeder: "user-service-kinesis-feeder",
  cleanup: "user-service-cleanup",
  softOptIns: "user-service-soft-opt-ins",
} as const;

/**
 * The four workers of seeds 000 and 004 on their event sources, with the settings of their AWS event
 * source mappings (the CDK app sets the same): the workers are the Lambda handlers' own functions.
 */
export function usersEventSources(workers: LocalWorkerDeps): EventSourceDeclaration[] {
  const subscriptions = subscriptionsWorker(workers.subscriptions);
  const payment: StreamSourceDeclaration = {
    name: MAPPINGS.payment,
    stream: "payments",
    // Seed 004: a failed record is reported by its sequence number; a thrown batch is bisected (as on AWS).
    settings: { reportBatchItemFailures: true, bisectBatchOnFunctionError: true },
    handler: ({ Records }, context) => handlePaymentRecords(workers.payment, Records, context),
  };
  const subscriptionsSource: StreamSourceDeclaration = {
    name: MAPPINGS.subscriptions,
    stream: "subscriptions",
    // Seed 004: a failed record fails the batch; bisecting lets the good records through.
    settings: { bisectBatchOnFunctionError: true },
    // Issue 16: a batch's writes (idempotency records, memberships, bus events) commit together; the
    // worker's whole-batch failure rule is unchanged (each write is still all or nothing).
    oneTransactionPerBatch: true,
    handler: ({ Records }, context) => subscriptions(Records, context),
  };
  const feeder: ChangeFeedSourceDeclaration = {
    name: MAPPINGS.feeder,
    changesOf: usersTable,
    // Seed 004: the feeder reports nothing; it logs a bad record and goes on. It throws only when the
    // stream refuses the batch: bisected and retried the runtime's bounded number of times, then
    // dead-lettered (as on AWS), so a record the stream keeps refusing never holds later changes back.
    settings: { bisectBatchOnFunctionError: true },
    // Issue 16: its puts on the users stream (one a change, in order) commit together.
    oneTransactionPerBatch: true,
    handler: async ({ Records }) => void (await feedUserChanges(workers.feeder, Records)),
  };
  const cleanup: QueueSourceDeclaration = {
    name: MAPPINGS.cleanup,
    queue: "cleanup",
    settings: { reportBatchItemFailures: true },
    handler: ({ Records }, context) => handleCleanupMessages(workers.cleanup, Records, context),
  };
  // The Purchases service's queue: a new in-app subscriber's soft opt-in becomes a consent record.
  const softOptIns: QueueSourceDeclaration = {
    name: MAPPINGS.softOptIns,
    queue: SOFT_OPT_IN_QUEUE,
    settings: { reportBatchItemFailures: true },
    handler: ({ Records }, context) => handleSoftOptInMessages(workers.softOptIns, Records, context),
  };
  return [payment, subscriptionsSource, feeder, cleanup, softOptIns];
}
