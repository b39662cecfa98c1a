import type { ReportWindow } from "../../platform/time/report-window.ts";

/** One day of the billing report, at the day's end (UTC). */
export interface DailyBilling {
  readonly day: string;
  /** Live subscriptions not in a pause, by tier. */
  readonly activeByTier: Readonly<Record<string, number>>;
  readonly paused: number;
  readonly started: number;
  readonly ended: number;
  /** By currency: the monthly price of every live subscription neither paused nor in trial. */
  readonly mrrCents: Readonly<Record<string, number>>;
}

export interface PauseCounts {
  readonly started: number;
  readonly resumed: number;
  readonly withdrawn: number;
  readonly cancelledWhilePaused: number;
  readonly stillPaused: number;
  readonly scheduled: number;
  readonly skippedPayments: number;
}

export interface RecoveryCounts {
  readonly entered: number;
  readonly recovered: number;
  readonly failed: number;
  readonly inProgress: number;
}

export interface BillingReport {
  readonly daily: readonly DailyBilling[];
  readonly pauses: PauseCounts;
  readonly recovery: RecoveryCounts;
}

/**
 * The billing report's figures, aggregated where the subscriptions are kept (PostgreSQL:
 * `adapters/postgres/billing-report.read.ts`), in a few scans however many subscriptions there are.
 */
export interface BillingReportSource {
  billingReport(window: ReportWindow): Promise<BillingReport>;
}
