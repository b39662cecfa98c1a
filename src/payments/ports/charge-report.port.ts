import type { ReportWindow } from "../../platform/time/report-window.ts";

/** One day of the charges report (UTC). */
export interface DailyCharges {
  readonly day: string;
  readonly charged: number;
  readonly chargedCents: Readonly<Record<string, number>>;
  readonly declined: number;
  readonly refunds: number;
  readonly refundedCents: Readonly<Record<string, number>>;
  readonly disputes: number;
}

export interface ChargesReport {
  readonly daily: readonly DailyCharges[];
  readonly openDisputes: number;
}

/**
 * The charges report's figures, aggregated where the charges are kept (PostgreSQL:
 * `adapters/postgres/charges-report.read.ts`), one grouped scan per table over the window.
 */
export interface ChargeReportSource {
  chargesReport(window: ReportWindow): Promise<ChargesReport>;
}
