import { EventSourceCheckpoints } from "./event-source-checkpoints.ts";
import {
  type EventSourceMappingOptions,
  NOTHING,
  type ResolvedOptions,
  type StepOutcome,
  sum,
  withDefaults,
} from "./event-source-mapping.options.ts";
import { ShardDelivery } from "./event-source-mapping.shard.ts";

export type {
  BatchHandler,
  EventSource,
  EventSourceMappingOptions,
  SourceItem,
} from "./event-source-mapping.options.ts";

export type DeliveryOutcome = Pick<StepOutcome, "delivered" | "deadLettered" | "redriven" | "failed">;

interface Sleeper {
  readonly wake: () => void;
  /** Woken by appends; a retry backoff is not (only by stop). */
  readonly onAppend: boolean;
}

/**
 * Lambda's event source mapping for stream sources, run in the local process: one loop per shard (in
 * order within a shard, shards in parallel), batches as Lambda forms them, checkpoints in SQLite moved
 * only after the handler answered (so a killed process redelivers, never skips), retries, bisection,
 * and the on-failure destination (`DeadLetters`) once retries or age run out. Options and their
 * defaults are Lambda's (`event-source-mapping.options.ts`).
 */
export class EventSourceMapping<R> {
  readonly #o: ResolvedOptions<R>;
  readonly #checkpoints: EventSourceCheckpoints;
  readonly #shards = new Map<string, ShardDelivery<R>>();
  readonly #sleepers = new Map<string, Sleeper>();
  #loops: Promise<void>[] | undefined;
  #unsubscribe: (() => void) | undefined;
  #stopping = false;

  constructor(options: EventSourceMappingOptions<R>) {
    this.#o = withDefaults(options);
    this.#checkpoints = new EventSourceCheckpoints(options.db);
  }

  get name(): string {
    return this.#o.name;
  }

  /** Polls every shard in the background until stop(). */
  start(): void {
    if (this.#loops) return;
    this.#stopping = false;
    this.#unsubscribe = this.#o.source.onAppend?.(() => this.#wake((sleeper) => sleeper.onAppend));
    this.#loops = this.#o.source.shardIds().map((shard) => this.#loop(shard));
  }

  /** Lets the batches in flight finish (and checkpoint), then stops polling. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake(() => true);
    await Promise.all(this.#loops ?? []);
    this.#unsubscribe?.();
    this.#loops = undefined;
    this.#unsubscribe = undefined;
  }

  /** One step on `shard` (or on every shard): a batch delivered, retried or dead-lettered. Tests only. */
  async deliverBatch(shard?: string): Promise<DeliveryOutcome> {
    this.#refuseWhileStarted();
    let total = NOTHING;
    for (const each of shard === undefined ? this.#o.source.shardIds() : [shard]) {
      total = sum(total, await this.#delivery(each).step(false));
    }
    return total;
  }

  /**
   * Delivers until every shard has caught up, ignoring the batching window and the retry backoff.
   * With bounded retries failures run their course into the dead letters; with unbounded retries
   * (-1) the first failed batch throws (after bisecting, if enabled), since draining would never end.
   * Tests and CLIs only.
   */
  async drain(): Promise<DeliveryOutcome> {
    this.#refuseWhileStarted();
    let total = NOTHING;
    for (;;) {
      let round = NOTHING;
      for (const shard of this.#o.source.shardIds()) {
        const outcome = await this.#delivery(shard).step(true);
        if (outcome.failed && !outcome.bisected && this.#o.maximumRetryAttempts < 0)
          throw new Error(
            `mapping ${this.#o.name}: a batch of ${shard} failed; its records are retried from the checkpoint`,
          );
        round = sum(round, outcome);
      }
      total = sum(total, round);
      if (!progressed(round) && !round.failed) return total;
    }
  }

  async #loop(shard: string): Promise<void> {
    const delivery = this.#delivery(shard);
    const { name, idleMs, logger } = this.#o;
    while (!this.#stopping) {
      let pause = idleMs;
      let onAppend = true;
      try {
        const outcome = await delivery.step(false);
        if (outcome.failed) [pause, onAppend] = [outcome.retryInMs ?? 0, false];
        else if (outcome.waitMs !== undefined) pause = outcome.waitMs;
        else if (progressed(outcome)) pause = 0;
      } catch (error) {
        // The source or the database failed, not the handler: nothing moved, so look again later.
        const reason = error instanceof Error ? error.message : String(error);
        logger.error("event source mapping step failed", { mapping: name, shard, reason });
        onAppend = false;
      }
      if (pause > 0) await this.#sleep(shard, pause, onAppend);
    }
  }

  #delivery(shard: string): ShardDelivery<R> {
    let delivery = this.#shards.get(shard);
    if (!delivery) {
      delivery = new ShardDelivery(this.#o, shard, this.#checkpoints);
      this.#shards.set(shard, delivery);
    }
    return delivery;
  }

  #sleep(shard: string, ms: number, onAppend: boolean): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stopping) return resolve();
      const wake = () => {
        clearTimeout(timer);
        this.#sleepers.delete(shard);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#sleepers.set(shard, { wake, onAppend });
    });
  }

  #wake(which: (sleeper: Sleeper) => boolean): void {
    for (const sleeper of [...this.#sleepers.values()]) if (which(sleeper)) sleeper.wake();
  }

  #refuseWhileStarted(): void {
    if (this.#loops)
      throw new Error(`mapping ${this.#o.name} is started: deliverBatch and drain are for a stopped one`);
  }
}

function progressed(outcome: StepOutcome): boolean {
  return outcome.delivered + outcome.deadLettered + outcome.redriven > 0;
}
