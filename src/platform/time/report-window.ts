const DAY_MS = 24 * 60 * 60 * 1000;

/** The days a report covers: `from` (the first day's midnight, UTC) to `until` (tomorrow's). */
export interface ReportWindow {
  readonly from: Date;
  readonly until: Date;
  /** Each day as `YYYY-MM-DD`, oldest first. */
  readonly days: readonly string[];
}

/** The `days` UTC days ending on `now`'s day. */
export function reportWindow(now: Date, days: number): ReportWindow {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = today - (days - 1) * DAY_MS;
  return {
    from: new Date(from),
    until: new Date(today + DAY_MS),
    days: Array.from({ length: days }, (_, i) => new Date(from + i * DAY_MS).toISOString().slice(0, 10)),
  };
}

/** The `YYYY-MM-DD` (UTC) of an instant, as a report's days name it. */
export const reportDayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** A report over the `days` UTC days ending now by `clock`, with when it was taken and its window. */
export async function reportOver<R>(
  clock: { now(): Date },
  days: number,
  read: (window: ReportWindow) => Promise<R>,
): Promise<{ asOf: Date; window: ReportWindow; report: R }> {
  const asOf = clock.now();
  const window = reportWindow(asOf, days);
  return { asOf, window, report: await read(window) };
}
