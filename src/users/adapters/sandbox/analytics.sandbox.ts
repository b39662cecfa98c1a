import { UnavailableError } from "../../../platform/errors/app.errors.ts";
import { ConditionFailedError } from "../../../platform/store/store.errors.ts";
import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { Item, TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { Analytics, TrackEvent } from "../../ports/analytics.port.ts";

/**
 * The sandbox's own table in the embedded store (never created on AWS): one item per messageId, indexed
 * by user and in one feed of every call, both sorted by the event's time.
 */
export const segmentSandboxTable = {
  name: "segment-sandbox",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
  indexes: {
    byUser: { partitionKey: { name: "user_pk", type: "S" }, sortKey: { name: "at", type: "S" } },
    feed: { partitionKey: { name: "feed", type: "S" }, sortKey: { name: "at", type: "S" } },
  },
} as const satisfies TableSpec;

/** Steering by user id, so a test (or a person on the local runtime) picks the behaviour it needs. */
export const SEGMENT_SANDBOX = {
  /** A user id containing this makes `track` fail as unavailable (503) and record nothing. */
  unavailable: "segment-down",
} as const;

/** A track call as the sandbox recorded it. */
export interface RecordedTrack extends TrackEvent {
  /** When the sandbox took it (the clock's time). */
  readonly recordedAt: string;
}

const FEED = "TRACKS";

/**
 * The local Segment, durable in the embedded store. `track` records the call once per `messageId` (a
 * repeated id records nothing new and resolves, as Segment drops duplicates); `calls(userId?)` lists
 * what was recorded, every user's or one user's, oldest first by the event's `timestamp` (then by
 * messageId). A user id containing `segment-down` fails with UnavailableError and records nothing.
 */
export class SandboxAnalytics implements Analytics {
  readonly #store: TableStore;
  readonly #clock: Clock;

  constructor(options: { readonly store: TableStore; readonly clock: Clock }) {
    this.#store = options.store;
    this.#clock = options.clock;
  }

  async track(event: TrackEvent): Promise<void> {
    if (event.userId.includes(SEGMENT_SANDBOX.unavailable)) {
      throw new UnavailableError(`Segment did not take the event ${event.event}; try again later`);
    }
    const item: Item = {
      pk: `MESSAGE#${event.messageId}`,
      sk: "TRACK",
      user_pk: `USER#${event.userId}`,
      feed: FEED,
      at: `${sortableTime(event.timestamp)}#${event.messageId}`,
      message_id: event.messageId,
      user_id: event.userId,
      event: event.event,
      properties: { ...event.properties },
      timestamp: event.timestamp,
      recorded_at: this.#clock.now().toISOString(),
    };
    try {
      await this.#store.put(segmentSandboxTable, item, { attributeNotExists: "pk" });
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }

  /** The recorded calls, oldest first: one user's, or everyone's. */
  async calls(userId?: string): Promise<RecordedTrack[]> {
    const query =
      userId === undefined
        ? { index: "feed", partition: FEED }
        : { index: "byUser", partition: `USER#${userId}` };
    const calls: RecordedTrack[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#store.query(segmentSandboxTable, {
        ...query,
        order: "asc",
        ...(cursor === undefined ? {} : { cursor }),
      });
      calls.push(...page.items.map(fromItem));
      cursor = page.cursor;
    } while (cursor !== undefined);
    return calls;
  }
}

/** RFC 3339 times with offsets do not sort as text; UTC ISO strings do. An unreadable one sorts as given. */
function sortableTime(timestamp: string): string {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? timestamp : new Date(time).toISOString();
}

function fromItem(item: Item): RecordedTrack {
  return {
    messageId: item.message_id as string,
    userId: item.user_id as string,
    event: item.event as string,
    properties: item.properties as RecordedTrack["properties"],
    timestamp: item.timestamp as string,
    recordedAt: item.recorded_at as string,
  };
}
