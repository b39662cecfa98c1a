import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import type { BasePersistenceLayer } from "@aws-lambda-powertools/idempotency/persistence";
import type { Context, KinesisStreamRecord } from "aws-lambda";
import {
  type SubscriptionRecord,
  SubscriptionRecordSchema,
} from "../../contracts/subscriptions/subscriptions.message.ts";
import { parseKinesisRecord } from "../../platform/events/stream-record.parser.ts";
import type { CompletesTogether } from "../../platform/idempotency/table-store.persistence.ts";
import type { Principal } from "../../platform/identity/principal.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { UserNotFoundError } from "../domain/user.errors.ts";
import { recordPauseSkipped } from "../use-cases/membership/record-pause-skipped.use-case.ts";
import {
  type PauseResumeDeps,
  resumeAfterPause,
} from "../use-cases/membership/resume-after-pause.use-case.ts";

export interface SubscriptionsWorkerDeps extends PauseResumeDeps {
  readonly logger: Logger;
  /**
   * Where idempotency records live (the single-table store's idempotency table); a batch's COMPLETED
   * records are written together when the batch ends.
   */
  readonly idempotency: BasePersistenceLayer & CompletesTogether;
}

/** How the worker appears in membership records (`membership_event_source`) and to authorization. */
export const SUBSCRIPTIONS_WORKER: Principal = { kind: "service", id: "subscriptions-worker", mfa: false };

/** A batch in which a record failed: the whole batch is retried (seed 004). */
export class SubscriptionBatchFailedError extends Error {
  override readonly name: string = "SubscriptionBatchFailedError";
}

export type SubscriptionsHandler = (
  records: readonly KinesisStreamRecord[],
  context?: Context,
) => Promise<void>;

/**
 * Seed 004's subscription worker on `{stage}-subscriptions`: the records of a batch concurrently (one
 * user's in order); if any fails the whole batch fails (thrown) and is retried. No Powertools
 * `BatchProcessor` here: it reports item failures, and this seed wants a whole-batch failure with
 * per-key order. pause-skipped and pause-resume are acted on, any
 * other `updated_event` is logged as a warning and skipped.
 *
 * At least once made safe: each event runs once per `event_id` (Powertools idempotency; a whole-batch
 * retry finds the records that succeeded COMPLETED and skips them), and the use cases themselves check
 * the state they change, so a run cut short by a crash is finished, not repeated, by the next delivery.
 * The batch's COMPLETED records are written together once every record settled (one transaction per
 * batch instead of one write per record, issue 16); a crash before that leaves them INPROGRESS, which is
 * the crash case above.
 */
export function subscriptionsWorker(deps: SubscriptionsWorkerDeps): SubscriptionsHandler {
  const config = new IdempotencyConfig({ eventKeyJmesPath: "event_id", expiresAfterSeconds: 24 * 60 * 60 });
  const process = makeIdempotent((event: SubscriptionRecord) => processEvent(deps, event), {
    persistenceStore: deps.idempotency,
    config,
    keyPrefix: "user-service-subscriptions",
  });
  return async (records, context) => {
    if (context) config.registerLambdaContext(context);
    const failed = await deps.idempotency.completingTogether(() =>
      Promise.all([...byPartitionKey(records).values()].map((group) => handleInOrder(deps, process, group))),
    );
    const count = failed.reduce((sum, n) => sum + n, 0);
    if (count > 0) {
      throw new SubscriptionBatchFailedError(
        `${count} of ${records.length} subscription records failed or waited behind one that did; the batch is retried`,
      );
    }
  };
}

/**
 * Seed 004 processes a batch's records concurrently; records of one user (one partition key) are kept
 * in stream order, or a pause-resume could overtake its pause-skipped. A user's records after a failed
 * one are not tried: the whole batch is retried anyway, and trying them would apply them out of order.
 * Returns how many of the group did not take effect.
 */
async function handleInOrder(
  deps: SubscriptionsWorkerDeps,
  process: (event: SubscriptionRecord) => Promise<string>,
  group: readonly KinesisStreamRecord[],
): Promise<number> {
  for (const [index, record] of group.entries()) {
    try {
      await handleRecord(deps, process, record);
    } catch {
      return group.length - index;
    }
  }
  return 0;
}

function byPartitionKey(records: readonly KinesisStreamRecord[]): Map<string, KinesisStreamRecord[]> {
  const groups = new Map<string, KinesisStreamRecord[]>();
  for (const record of records) {
    const key = record.kinesis.partitionKey;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return groups;
}

async function handleRecord(
  deps: SubscriptionsWorkerDeps,
  process: (event: SubscriptionRecord) => Promise<string>,
  record: KinesisStreamRecord,
): Promise<string> {
  const where = { sequenceNumber: record.kinesis.sequenceNumber };
  try {
    const event = parseKinesisRecord(record, SubscriptionRecordSchema);
    const { updated_event } = event.payload;
    if (updated_event !== "pause-skipped" && updated_event !== "pause-resume") {
      deps.logger.warn("subscription event skipped", { ...where, event_id: event.event_id, updated_event });
      return "skipped";
    }
    const outcome = await process(event);
    const fields = {
      ...where,
      event_id: event.event_id,
      updated_event,
      user_id: event.payload.user_id,
      outcome,
    };
    deps.logger.info("subscription event handled", fields);
    return outcome;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    deps.logger.error("subscription event failed", { ...where, reason });
    throw error;
  }
}

async function processEvent(deps: SubscriptionsWorkerDeps, event: SubscriptionRecord): Promise<string> {
  try {
    return await applyEvent(deps, event);
  } catch (error) {
    // A user Roster does not know will not appear on a retry: logged as a warning, not retried forever.
    if (error instanceof UserNotFoundError) return "unknown-user";
    throw error;
  }
}

function applyEvent(deps: SubscriptionsWorkerDeps, event: SubscriptionRecord): Promise<string> {
  const { payload } = event;
  if (payload.updated_event === "pause-skipped") {
    return recordPauseSkipped(deps, SUBSCRIPTIONS_WORKER, payload.user_id);
  }
  return resumeAfterPause(deps, SUBSCRIPTIONS_WORKER, {
    eventId: event.event_id,
    userId: payload.user_id,
    ...(payload.unpause_date ? { unpauseDate: payload.unpause_date } : {}),
  });
}
