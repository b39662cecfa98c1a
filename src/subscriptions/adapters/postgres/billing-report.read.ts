import { type Kysely, sql } from "kysely";
import type { ReportWindow } from "../../../platform/time/report-window.ts";
import type {
  BillingReport,
  BillingReportSource,
  DailyBilling,
  PauseCounts,
  RecoveryCounts,
} from "../../ports/billing-report.port.ts";
import type { SubscriptionsDatabase } from "./subscriptions.tables.ts";

type Db = Kysely<SubscriptionsDatabase>;

/** One group of the changes that move the daily figures: a day (null: before the window), a tier, a currency. */
interface DeltaRow {
  readonly day: string | null;
  readonly tier: string;
  readonly currency: string;
  readonly live: number;
  readonly paused: number;
  readonly mrr: number;
  readonly started: number;
  readonly ended: number;
}

/**
 * The billing report in three statements, each one pass over its table however long the window: the
 * daily figures are not counted day by day but summed from the changes that move them (a subscription
 * starts or ends; a pause begins or ends, at the latest when its subscription does), grouped by day,
 * tier and currency, with everything before the window folded into its starting point.
 */
export class PostgresBillingReports implements BillingReportSource {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }
  billingReport(window: ReportWindow): Promise<BillingReport> {
    return readBillingReport(this.#db, window);
  }
}

async function readBillingReport(db: Db, window: ReportWindow): Promise<BillingReport> {
  const [deltas, pauses, recovery] = await Promise.all([
    dailyDeltas(db, window),
    pauseCounts(db, window),
    recoveryCounts(db, window),
  ]);
  return { daily: accumulate(window, deltas), pauses, recovery };
}

async function dailyDeltas(db: Db, { from, until }: ReportWindow): Promise<DeltaRow[]> {
  const { rows } = await sql<DeltaRow>`
    with s as (
      select subscription_id, tier, currency, created_at, cancelled_at,
             case when status = 'TRIAL' then 0
                  when term = 'ANNUAL' then round(price_cents / 12.0)
                  else price_cents end as monthly
        from subscriptions
       where created_at < ${until}
    ),
    paused as (
      select s.tier, s.currency, s.monthly, p.started_at, least(p.ended_at, s.cancelled_at) as ended_at
        from pauses p join s using (subscription_id)
       where p.started_at is not null and p.state in ('ACTIVE', 'ENDED')
         and (s.cancelled_at is null or p.started_at < s.cancelled_at)
    ),
    changes as (
      select created_at as at, tier, currency, 1 as live, 0 as paused, monthly as mrr, 1 as started, 0 as ended from s
      union all
      select cancelled_at, tier, currency, -1, 0, -monthly, 0, 1 from s where cancelled_at is not null
      union all
      select started_at, tier, currency, 0, 1, -monthly, 0, 0 from paused
      union all
      select ended_at, tier, currency, 0, -1, monthly, 0, 0 from paused where ended_at is not null
    )
    select case when at < ${from} then null else to_char(at at time zone 'UTC', 'YYYY-MM-DD') end as day,
           tier, currency,
           sum(live)::int as live, sum(paused)::int as paused, sum(mrr)::float8 as mrr,
           sum(started)::int as started, sum(ended)::int as ended
      from changes
     where at < ${until}
     group by 1, 2, 3`.execute(db);
  return rows;
}

/** Each day's figures: the state before the window, then each day's changes added in order. */
function accumulate(window: ReportWindow, deltas: readonly DeltaRow[]): DailyBilling[] {
  const live = new Map<string, number>();
  const pausedByTier = new Map<string, number>();
  const mrr = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  const apply = (row: DeltaRow) => {
    add(live, row.tier, row.live);
    add(pausedByTier, row.tier, row.paused);
    add(mrr, row.currency, row.mrr);
  };
  const byDay = new Map<string, DeltaRow[]>();
  for (const row of deltas) {
    if (row.day === null) apply(row);
    else byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  }
  return window.days.map((day) => {
    const today = byDay.get(day) ?? [];
    for (const row of today) apply(row);
    const activeByTier: Record<string, number> = {};
    for (const [tier, n] of [...live].sort(([a], [b]) => a.localeCompare(b))) {
      const active = n - (pausedByTier.get(tier) ?? 0);
      if (active > 0) activeByTier[tier] = active;
    }
    const mrrCents: Record<string, number> = {};
    for (const [currency, cents] of [...mrr].sort(([a], [b]) => a.localeCompare(b))) {
      if (Math.round(cents) !== 0) mrrCents[currency] = Math.round(cents);
    }
    const sum = (pick: (row: DeltaRow) => number) => today.reduce((total, row) => total + pick(row), 0);
    return {
      day,
      activeByTier,
      paused: [...pausedByTier.values()].reduce((a, b) => a + b, 0),
      started: sum((row) => row.started),
      ended: sum((row) => row.ended),
      mrrCents,
    };
  });
}

async function pauseCounts(db: Db, { from }: ReportWindow): Promise<PauseCounts> {
  const { rows } = await sql<PauseCounts>`
    select
      count(*) filter (where p.started_at >= ${from})::int as "started",
      count(*) filter (where p.state = 'ENDED' and p.ended_at >= ${from}
                         and (s.cancelled_at is null or p.ended_at < s.cancelled_at))::int as "resumed",
      count(*) filter (where p.state = 'WITHDRAWN' and p.requested_at >= ${from})::int as "withdrawn",
      count(*) filter (where p.started_at is not null and s.cancelled_at >= ${from}
                         and s.cancelled_at >= p.started_at
                         and (p.ended_at is null or s.cancelled_at <= p.ended_at))::int as "cancelledWhilePaused",
      count(*) filter (where p.state = 'ACTIVE' and s.cancelled_at is null)::int as "stillPaused",
      count(*) filter (where p.state = 'SCHEDULED' and s.cancelled_at is null)::int as "scheduled",
      (select count(*)::int from billing_cycles
        where status = 'SKIPPED_PAUSED' and period_start >= ${from}) as "skippedPayments"
    from pauses p join subscriptions s using (subscription_id)
    where p.requested_at >= ${from} or p.ended_at >= ${from} or s.cancelled_at >= ${from}
       or p.state in ('SCHEDULED', 'ACTIVE')`.execute(db);
  return rows[0] as PauseCounts;
}

async function recoveryCounts(db: Db, { from }: ReportWindow): Promise<RecoveryCounts> {
  const { rows } = await sql<RecoveryCounts>`
    select count(*)::int as "entered",
           count(*) filter (where status = 'PAID')::int as "recovered",
           count(*) filter (where status in ('FAILED', 'VOID', 'CHARGED_BACK'))::int as "failed",
           count(*) filter (where status in ('SCHEDULED', 'PROCESSING', 'RETRYING', 'GRACE'))::int as "inProgress"
      from billing_cycles
     where first_failed_at >= ${from}`.execute(db);
  return rows[0] as RecoveryCounts;
}
