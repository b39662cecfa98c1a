import type { StreamProducer } from "../../platform/events/stream-producer.port.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import type { Outbox } from "../ports/outbox.port.ts";

export interface OutboxRelayDeps {
  readonly outbox: Outbox;
  readonly streams: StreamProducer;
  /** The `payments` stream's physical name in this stage. */
  readonly stream: string;
  readonly logger: Logger;
}

/**
 * Puts the outbox's committed records on the `payments` stream in commit order (partition key the
 * user, so one user's records keep their order), then marks them relayed. A crash between the two
 * sends them again: consumers dedupe on the record's `event_id`, so nothing is lost and nothing acts
 * twice. Returns how many it relayed; call until 0 to drain.
 */
export async function relayOutbox(deps: OutboxRelayDeps, batchSize = 100): Promise<number> {
  const pending = await deps.outbox.pending(batchSize);
  if (pending.length === 0) return 0;
  await deps.streams.put(
    deps.stream,
    pending.map((entry) => ({ partitionKey: entry.userId, data: JSON.stringify(entry.payload) })),
  );
  await deps.outbox.markRelayed(pending.map((entry) => entry.position));
  deps.logger.debug("outbox relayed", { records: pending.length });
  return pending.length;
}
