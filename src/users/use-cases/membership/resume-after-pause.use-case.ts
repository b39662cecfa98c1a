import type { Principal } from "../../../platform/identity/principal.ts";
import type { Metrics } from "../../../platform/metrics/metrics.port.ts";
import { PAUSE_PHASES } from "../../domain/membership.ts";
import type { Analytics } from "../../ports/analytics.port.ts";
import { changeMembership } from "./membership-change.engine.ts";
import { loadChange } from "./membership-decision.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { pauseStatusTag } from "./pause-tag.steps.ts";

export interface PauseResumeDeps extends MembershipChangeDeps {
  readonly analytics: Analytics;
  readonly metrics: Metrics;
}

export interface PauseResumeEvent {
  /** The stream record's `event_id`: the Segment messageId, so a repeated notification is dropped. */
  readonly eventId: string;
  readonly userId: string;
  /** RFC 3339, when the pause ended; the new record's start date when the event does not say. */
  readonly unpauseDate?: string;
}

export type PauseResumeOutcome = "resumed" | "already-resumed" | "not-paused";

export const UNPAUSE_EVENT = "user-membership-unpause";
export const UNPAUSED_METRIC = "user.membership.unpaused";

/**
 * Seed 004's pause-resume: a new record in good standing (status empty, event type SUB_RESUMED, tier and
 * term carried forward, pause date and duration cleared) with the MEMBERSHIP_PAUSE_STATUS tag archived
 * as SUB_RESUMED in the same transaction; then Segment `user-membership-unpause` (email, unpause date)
 * and the metric `user.membership.unpaused`.
 *
 * A repeat after a crash finds the membership already SUB_RESUMED and only notifies again (Segment
 * drops the repeated messageId). Clean redeliveries never get here: the worker's idempotency record
 * answers them.
 */
export async function resumeAfterPause(
  deps: PauseResumeDeps,
  worker: Principal,
  event: PauseResumeEvent,
): Promise<PauseResumeOutcome> {
  const loaded = await loadChange(deps, event.userId);
  const { user, membership: current } = loaded;
  const status = current?.membership_status;
  let outcome: PauseResumeOutcome;
  let resumedAt = current?.membership_start_date;
  if (status !== undefined && PAUSE_PHASES.includes(status) && status !== "SUB_RESUMED") {
    const unpaused = event.unpauseDate ? { membership_unpause_date: event.unpauseDate } : {};
    const result = await changeMembership(deps, worker, event.userId, {
      operation: "resume",
      onConflict: "redecide",
      loaded,
      write: { membership: () => unpaused, tag: pauseStatusTag("SUB_RESUMED", true) },
    });
    resumedAt = result.membership?.membership_start_date;
    outcome = "resumed";
  } else if (status === "" && current?.membership_event_type === "SUB_RESUMED") {
    outcome = "already-resumed";
  } else {
    return "not-paused";
  }
  const unpauseDate = event.unpauseDate ?? resumedAt ?? deps.clock.now().toISOString();
  await deps.analytics.track({
    messageId: event.eventId,
    userId: event.userId,
    event: UNPAUSE_EVENT,
    properties: { ...(user.user_email ? { email: user.user_email } : {}), unpause_date: unpauseDate },
    timestamp: deps.clock.now().toISOString(),
  });
  deps.metrics.count(UNPAUSED_METRIC);
  return outcome;
}
