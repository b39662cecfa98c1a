import { reportDayOf, reportWindow } from "../../../platform/time/report-window.ts";
import type { Platform, StoreState } from "../../domain/store-subscription.ts";
import { STORE_STATES } from "../../domain/store-subscription.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";

/** How many purchases the report reads at most: a Scan of the table, on an operator's request. */
export const PURCHASES_REPORT_LIMIT = 50_000;

type ByStore = Record<Platform, number>;

export interface PurchasesReport {
  readonly asOf: Date;
  readonly days: readonly { readonly day: string; readonly started: ByStore; readonly expired: ByStore }[];
  readonly read: number;
  /** More purchases are stored than it read. */
  readonly truncated: boolean;
  readonly byStore: Readonly<Record<Platform, Readonly<Record<StoreState, number>>>>;
}

const byStore = (): ByStore => ({ apple: 0, google: 0 });
const byState = () => Object.fromEntries(STORE_STATES.map((s) => [s, 0])) as Record<StoreState, number>;

/**
 * GET /user/reports/purchases: every stored purchase by store and state, and per UTC day of the window
 * the store subscriptions that began and those that expired without renewing, for the operator
 * console's dashboard. The purchases are read page by page (a Scan), at most PURCHASES_REPORT_LIMIT.
 */
export async function purchasesReport(
  deps: Pick<PurchasesDeps, "purchases" | "clock">,
  days: number,
  limit = PURCHASES_REPORT_LIMIT,
): Promise<PurchasesReport> {
  const asOf = deps.clock.now();
  const window = reportWindow(asOf, days);
  const daily = new Map(window.days.map((day) => [day, { day, started: byStore(), expired: byStore() }]));
  const states = { apple: byState(), google: byState() };
  let read = 0;
  let left = false;
  let cursor: string | undefined;
  do {
    const page = await deps.purchases.everyPurchase(cursor);
    left = page.purchases.length > limit - read;
    for (const purchase of page.purchases.slice(0, limit - read)) {
      read++;
      states[purchase.platform][purchase.state]++;
      const started = daily.get(reportDayOf(purchase.startAt));
      if (started) started.started[purchase.platform]++;
      const ended = purchase.state === "EXPIRED" || purchase.state === "REVOKED";
      const expired =
        ended && purchase.expiresAt <= asOf ? daily.get(reportDayOf(purchase.expiresAt)) : undefined;
      if (expired) expired.expired[purchase.platform]++;
    }
    cursor = page.cursor;
  } while (cursor !== undefined && read < limit);
  return { asOf, days: [...daily.values()], read, truncated: left || cursor !== undefined, byStore: states };
}
