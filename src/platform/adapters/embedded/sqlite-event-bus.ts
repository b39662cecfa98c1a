import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { DomainEvent, EventPublisher } from "../../events/event-publisher.port.ts";
import type { EventFailureLogger } from "../../events/publish-after-commit.ts";
import { inTransaction, LimitedQuery } from "./sqlite.database.ts";

/** An event as the bus recorded it: `seq` orders events and is the position `read` continues from. */
export interface RecordedEvent extends DomainEvent {
  readonly seq: number;
}

/** Which events a rule routes to its target (EventBridge's event pattern, on source and detail-type). */
export interface EventPattern {
  readonly source?: string;
  readonly detailType?: string;
}

export type EventTarget = (event: RecordedEvent) => void | Promise<void>;

/**
 * The embedded stand-in for EventBridge: every event is recorded in `bus_events` of the store's own
 * SQLite file (all of one `publish` in one transaction), then handed to the targets whose rule matches,
 * in order. A target that throws is logged and does not fail the publish: on EventBridge, delivery to
 * a target is likewise decoupled from PutEvents. Delivery is in process and not retried.
 */
export class SqliteEventBus implements EventPublisher {
  readonly #db: DatabaseSync;
  readonly #logger: EventFailureLogger;
  readonly #insert: StatementSync;
  readonly #read: LimitedQuery;
  readonly #rules: { pattern: EventPattern; target: EventTarget }[] = [];

  constructor(db: DatabaseSync, logger: EventFailureLogger) {
    db.exec(`CREATE TABLE IF NOT EXISTS bus_events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, detail_type TEXT NOT NULL,
      detail TEXT NOT NULL, time TEXT NOT NULL)`);
    this.#db = db;
    this.#logger = logger;
    this.#insert = db.prepare(
      "INSERT INTO bus_events (source, detail_type, detail, time) VALUES (?, ?, ?, ?) RETURNING seq",
    );
    this.#read = new LimitedQuery(
      db,
      "SELECT seq, source, detail_type, detail, time FROM bus_events WHERE seq > ? ORDER BY seq",
    );
  }

  async publish(events: DomainEvent[]): Promise<void> {
    const recorded = inTransaction(this.#db, () =>
      events.map((event) => {
        const row = this.#insert.get(
          event.source,
          event.detailType,
          JSON.stringify(event.detail),
          event.time.toISOString(),
        ) as { seq: number };
        return { ...event, seq: row.seq };
      }),
    );
    for (const event of recorded) await this.#deliver(event);
  }

  /** Routes matching events to `target` from now on (earlier events are not replayed). */
  subscribe(pattern: EventPattern, target: EventTarget): void {
    this.#rules.push({ pattern, target });
  }

  /** Recorded events after position `after` (0: from the first), oldest first, at most `limit`. */
  read(after = 0, limit = 100): RecordedEvent[] {
    const rows = this.#read.all(limit, after) as {
      seq: number;
      source: string;
      detail_type: string;
      detail: string;
      time: string;
    }[];
    return rows.map((row) => ({
      seq: row.seq,
      source: row.source,
      detailType: row.detail_type,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
      time: new Date(row.time),
    }));
  }

  async #deliver(event: RecordedEvent): Promise<void> {
    for (const { pattern, target } of this.#rules) {
      if (pattern.source !== undefined && pattern.source !== event.source) continue;
      if (pattern.detailType !== undefined && pattern.detailType !== event.detailType) continue;
      try {
        await target(event);
      } catch (error) {
        this.#logger.error("event target failed", {
          seq: event.seq,
          detailType: event.detailType,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}
