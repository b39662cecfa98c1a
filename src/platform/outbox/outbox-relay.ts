import type { StreamProducer } from "../events/stream-producer.port.ts";
import type { Logger } from "../logging/logger.ts";
import type { Metrics } from "../metrics/metrics.port.ts";
import type { Clock } from "../time/clock.port.ts";
import type { Outbox } from "./outbox.port.ts";
import type { OutboxEntry } from "./outbox-record.ts";

/** Where a batch of committed records goes, in order; it throws when any of them was not taken. */
export type OutboxPublish = (entries: readonly OutboxEntry[]) => Promise<void>;

export interface OutboxRelayDeps {
  readonly outbox: Outbox;
  readonly publish: OutboxPublish;
  readonly logger: Logger;
}

/** Puts every record on one stream, partition key the user (so one user's records keep their order). */
export function toStream(streams: StreamProducer, stream: string): OutboxPublish {
  return async (entries) => {
    await streams.put(
      stream,
      entries.map((entry) => ({ partitionKey: entry.userId, data: JSON.stringify(entry.payload) })),
    );
  };
}

/**
 * Publishes the outbox's committed records in commit order, then marks them relayed. A crash between
 * the two sends them again: consumers dedupe on the record's `event_id`, so nothing is lost and nothing
 * acts twice. Returns how many it relayed; call until 0 to drain.
 */
export async function relayOutbox(deps: OutboxRelayDeps, batchSize = 100): Promise<number> {
  return relayBatch(deps, batchSize);
}

/** `seen` hears of the batch's oldest record (the outbox's) before the put, so a failing put still reports its wait. */
async function relayBatch(
  deps: OutboxRelayDeps,
  batchSize: number,
  seen: (oldest: Date) => void = () => {},
): Promise<number> {
  const pending = await deps.outbox.pending(batchSize);
  if (pending.length === 0) return 0;
  seen(pending[0]!.createdAt);
  await deps.publish(pending);
  await deps.outbox.markRelayed(pending.map((entry) => entry.position));
  deps.logger.debug("outbox relayed", { records: pending.length });
  return pending.length;
}

export interface RelayRunDeps extends OutboxRelayDeps {
  readonly clock: Clock;
  readonly metrics: Metrics;
  /** The name the run's lag is published under (the relay's config: `OUTBOX_LAG_METRIC`). */
  readonly lagMetric: string;
}

export interface RelayRun {
  /** How long the run keeps polling after its first drain (0: drain once). */
  readonly runMs: number;
  /** The pause between two looks at an empty outbox. */
  readonly pollMs: number;
  /** Time left before the platform ends the run (Lambda's `getRemainingTimeInMillis`). */
  readonly remainingMs: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Kept free at the end of a run for one more batch's put and mark. */
const BATCH_MARGIN_MS = 10_000;
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One scheduled run (on AWS, started every minute): drains the outbox, then looks again every
 * `pollMs` until `runMs` has passed. Publishes once, even when the run fails, the age of the oldest
 * record it found waiting (`lagMetric`, 0 when there was none): a lag that grows says the
 * relay cannot keep up or keeps failing, and no data at all says it no longer runs.
 */
export async function relayForAWhile(deps: RelayRunDeps, run: RelayRun): Promise<{ relayed: number }> {
  const started = deps.clock.now().getTime();
  const sleep = run.sleep ?? wait;
  let relayed = 0;
  let lagMs = 0;
  try {
    for (;;) {
      const batch = await relayBatch(deps, 100, (oldest) => {
        lagMs = Math.max(lagMs, deps.clock.now().getTime() - oldest.getTime());
      });
      relayed += batch;
      if (run.remainingMs() < BATCH_MARGIN_MS) break;
      if (batch > 0) continue;
      if (deps.clock.now().getTime() - started + run.pollMs > run.runMs) break;
      await sleep(run.pollMs);
    }
  } finally {
    deps.metrics.duration(deps.lagMetric, lagMs);
  }
  return { relayed };
}
