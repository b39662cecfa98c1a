import type { Kysely } from "kysely";
import type { Outbox } from "../outbox/outbox.port.ts";
import type { OutboxEntry } from "../outbox/outbox-record.ts";
import type { Clock } from "../time/clock.port.ts";
import type { OutboxTables } from "./outbox.tables.ts";

/** The relay's view of a service database's `outbox` (index outbox_pending_idx). */
export class PostgresOutbox<DB extends OutboxTables> implements Outbox {
  readonly #db: Kysely<OutboxTables>;
  readonly #clock: Clock;
  constructor(deps: { readonly db: Kysely<DB>; readonly clock: Clock }) {
    this.#db = deps.db as unknown as Kysely<OutboxTables>;
    this.#clock = deps.clock;
  }

  async pending(limit: number): Promise<OutboxEntry[]> {
    const rows = await this.#db
      .selectFrom("outbox")
      .selectAll()
      .where("relayed_at", "is", null)
      .orderBy("position")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      position: Number(row.position),
      recordId: row.record_id,
      userId: row.user_id,
      eventType: row.event_type,
      payload: row.payload,
      createdAt: row.created_at,
    }));
  }

  async markRelayed(positions: readonly number[]): Promise<void> {
    if (positions.length === 0) return;
    await this.#db
      .updateTable("outbox")
      .set({ relayed_at: this.#clock.now() })
      .where("position", "in", positions.map(String))
      .where("relayed_at", "is", null)
      .execute();
  }
}
