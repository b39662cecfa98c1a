import type { Kysely } from "kysely";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { OutboxEntry } from "../../domain/outbox-record.ts";
import type { Outbox } from "../../ports/outbox.port.ts";
import { outboxEntryOf } from "./payments.mapper.ts";
import type { PaymentsDatabase } from "./payments.tables.ts";

/** The relay's view of `outbox` on PostgreSQL (index outbox_pending_idx). */
export class PostgresOutbox implements Outbox {
  readonly #db: Kysely<PaymentsDatabase>;
  readonly #clock: Clock;
  constructor(deps: { readonly db: Kysely<PaymentsDatabase>; readonly clock: Clock }) {
    this.#db = deps.db;
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
    return rows.map(outboxEntryOf);
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
