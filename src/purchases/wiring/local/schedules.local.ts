import type { ScheduleDeclaration } from "../../../platform/service/event-source.declaration.ts";
import { REVALIDATION_RUN_MS } from "../../domain/revalidation.ts";
import {
  runExport,
  runReplay,
  runRevalidation,
  type ScheduledJobsDeps,
} from "../../workers/scheduled-jobs.worker.ts";

const HOUR_MS = 60 * 60 * 1000;

/**
 * The three schedules on the local scheduler, at their AWS rates except the export: it runs hourly here
 * (and writes once a day: a day already exported is skipped), so a local process that was not up at
 * 00:03 still exports.
 */
export function purchasesSchedules(deps: ScheduledJobsDeps): ScheduleDeclaration[] {
  return [
    { name: "purchases-revalidation", rateMs: REVALIDATION_RUN_MS, handler: () => runRevalidation(deps) },
    { name: "purchases-replay", rateMs: 24 * HOUR_MS, handler: () => runReplay(deps) },
    { name: "purchases-export", rateMs: HOUR_MS, handler: () => runExport(deps) },
  ];
}
