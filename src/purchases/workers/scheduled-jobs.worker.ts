import type { Logger } from "../../platform/logging/logger.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import type { PurchasesDeps } from "../use-cases/purchases.deps.ts";
import { type ExportDeps, exportDay } from "../use-cases/schedules/export-day.use-case.ts";
import { replayFailedNotifications } from "../use-cases/schedules/replay-failed.use-case.ts";
import { revalidate } from "../use-cases/schedules/revalidate.use-case.ts";

export interface ScheduledJobsDeps {
  readonly purchases: PurchasesDeps;
  readonly export: ExportDeps;
  readonly logger: Logger;
}

/** Revalidation (EventBridge Scheduler `rate(15 minutes)`; each run one 24th of the 6-hour cycle). */
export async function runRevalidation(deps: ScheduledJobsDeps): Promise<void> {
  const result = await revalidate(deps.purchases);
  deps.logger.info("revalidation queued", { ...result });
}

/**
 * The daily replay of Apple's failed deliveries. An app whose history could not be read fails the run
 * (its alarm), after the others were replayed.
 */
export async function runReplay(deps: ScheduledJobsDeps): Promise<void> {
  const result = await replayFailedNotifications(deps.purchases);
  if (result.unavailable > 0) {
    deps.logger.error("notification history unavailable", { ...result });
    throw new Error(`${result.unavailable} App Store notification histories could not be read`);
  }
  deps.logger.info("failed notifications replayed", { ...result });
}

/** The day before `now`'s (UTC): what the 00:03 export writes. */
export function previousDay(clock: Clock): string {
  return new Date(clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** The daily export of the day before; a run after it succeeded writes nothing. */
export async function runExport(deps: ScheduledJobsDeps): Promise<void> {
  const day = previousDay(deps.purchases.clock);
  const result = await exportDay(deps.export, day, deps.purchases.ids.next());
  deps.logger.info(result.exported ? "day exported" : "day already exported", { ...result });
}
