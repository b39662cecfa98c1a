import type { StreamEntry } from "../../ports/stream-reader.port.ts";
import type { ConsoleDeps } from "../console.deps.ts";

export interface StreamFilter {
  /** Short names; empty means every stream the console reads. */
  readonly streams: readonly string[];
  readonly member?: string | undefined;
  /** Part of the record's `event_type`, any case (`ban` finds BANNED and USER_BANNED). */
  readonly eventType?: string | undefined;
  readonly limit: number;
}

/** The newest records of the chosen streams first, of one member and one kind of event when asked. */
export async function tailStreams(
  deps: Pick<ConsoleDeps, "streams" | "streamNames">,
  filter: StreamFilter,
): Promise<StreamEntry[]> {
  const chosen = filter.streams.filter((name) => deps.streamNames.includes(name));
  const names = chosen.length > 0 ? chosen : deps.streamNames;
  const wanted = filter.eventType?.trim().toLowerCase();
  // Read more than shown when filtering by type: the store filters by member, the type is ours to check.
  const read = wanted ? filter.limit * 10 : filter.limit;
  const batches = await Promise.all(
    names.map((stream) =>
      deps.streams.latest(stream, { ...(filter.member ? { member: filter.member } : {}), limit: read }),
    ),
  );
  return batches
    .flat()
    .filter((entry) => !wanted || eventTypeOf(entry).toLowerCase().includes(wanted))
    .sort((a, b) => b.arrivedAt.localeCompare(a.arrivedAt))
    .slice(0, filter.limit);
}

/**
 * The record's `event_type` (every Roster stream's envelope has one), with the subscriptions stream's
 * `updated_event` beside it (`SubscriptionUpdated pause-skipped`), or empty.
 */
export function eventTypeOf(entry: StreamEntry): string {
  const record = entry.record as { event_type?: unknown; payload?: { updated_event?: unknown } } | undefined;
  const type = typeof record?.event_type === "string" ? record.event_type : "";
  const updated = record?.payload?.updated_event;
  return typeof updated === "string" ? `${type} ${updated}`.trim() : type;
}
