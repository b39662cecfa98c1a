import { type Kysely, sql } from "kysely";
import type { ReportWindow } from "../../../platform/time/report-window.ts";
import type { ChargeReportSource, ChargesReport, DailyCharges } from "../../ports/charge-report.port.ts";
import type { PaymentsDatabase } from "./payments.tables.ts";

type Db = Kysely<PaymentsDatabase>;

interface ChargeDayRow {
  readonly day: string;
  readonly currency: string;
  readonly charged: number;
  readonly charged_cents: number;
  readonly declined: number;
}
interface RefundDayRow {
  readonly day: string;
  readonly currency: string;
  readonly refunds: number;
  readonly refunded_cents: number;
}
interface DisputeDayRow {
  readonly day: string;
  readonly disputes: number;
}

/**
 * The charges report in four grouped statements over the window's rows (each table's time index,
 * migration 0002): charges by day and currency, the refunds that went through by the day they were asked
 * for, disputes by the day they opened, and the disputes open now.
 */
export class PostgresChargeReports implements ChargeReportSource {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  async chargesReport(window: ReportWindow): Promise<ChargesReport> {
    const { from, until } = window;
    const day = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`);
    const [charges, refunds, disputes, open] = await Promise.all([
      sql<ChargeDayRow>`
        select ${day("created_at")} as day, currency,
               count(*) filter (where status in ('CONFIRMED', 'REFUNDED', 'CHARGED_BACK'))::int as charged,
               coalesce(sum(amount_cents) filter (where status in ('CONFIRMED', 'REFUNDED', 'CHARGED_BACK')), 0)::float8 as charged_cents,
               count(*) filter (where status = 'FAILED')::int as declined
          from charges where created_at >= ${from} and created_at < ${until}
         group by 1, 2`.execute(this.#db),
      sql<RefundDayRow>`
        select ${day("r.created_at")} as day, c.currency,
               count(*)::int as refunds, sum(r.amount_cents)::float8 as refunded_cents
          from refunds r join charges c using (confirmation_id)
         where r.status = 'SUCCEEDED' and r.created_at >= ${from} and r.created_at < ${until}
         group by 1, 2`.execute(this.#db),
      sql<DisputeDayRow>`
        select ${day("opened_at")} as day, count(*)::int as disputes
          from disputes where opened_at >= ${from} and opened_at < ${until}
         group by 1`.execute(this.#db),
      sql<{ open: number }>`
        select count(*)::int as open from disputes where status not in ('won', 'lost')`.execute(this.#db),
    ]);
    const daily = new Map(window.days.map((d) => [d, emptyDay(d)]));
    for (const row of charges.rows) {
      const d = daily.get(row.day);
      if (!d) continue;
      d.charged += row.charged;
      d.declined += row.declined;
      if (row.charged_cents > 0) d.chargedCents[row.currency] = row.charged_cents;
    }
    for (const row of refunds.rows) {
      const d = daily.get(row.day);
      if (!d) continue;
      d.refunds += row.refunds;
      d.refundedCents[row.currency] = row.refunded_cents;
    }
    for (const row of disputes.rows) {
      const d = daily.get(row.day);
      if (d) d.disputes += row.disputes;
    }
    return { daily: [...daily.values()].map(sortedAmounts), openDisputes: open.rows[0]?.open ?? 0 };
  }
}

interface MutableDay {
  day: string;
  charged: number;
  chargedCents: Record<string, number>;
  declined: number;
  refunds: number;
  refundedCents: Record<string, number>;
  disputes: number;
}

const emptyDay = (day: string): MutableDay => ({
  day,
  charged: 0,
  chargedCents: {},
  declined: 0,
  refunds: 0,
  refundedCents: {},
  disputes: 0,
});

const sorted = (amounts: Record<string, number>) =>
  Object.fromEntries(Object.entries(amounts).sort(([a], [b]) => a.localeCompare(b)));

function sortedAmounts(d: MutableDay): DailyCharges {
  return { ...d, chargedCents: sorted(d.chargedCents), refundedCents: sorted(d.refundedCents) };
}
