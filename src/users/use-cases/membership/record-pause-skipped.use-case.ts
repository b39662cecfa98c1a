import type { Principal } from "../../../platform/identity/principal.ts";
import { changeMembership } from "./membership-change.engine.ts";
import { loadChange } from "./membership-decision.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { PAUSE_STATUS_TAG, pauseStatusTag } from "./pause-tag.steps.ts";

/** What a pause-skipped event did; anything but `paused` wrote nothing. */
export type PauseSkippedOutcome =
  | "paused"
  | "already-paused"
  | "not-pending-pause"
  | "membership-not-pausing";

/**
 * Seed 004's pause-skipped: the Subscription Service skipped a collection because the subscription is
 * paused. When the user's MEMBERSHIP_PAUSE_STATUS tag says SUB_PENDING_PAUSE and the membership is not
 * SUB_PAUSED yet, the tag becomes SUB_PAUSED and a SUB_PAUSED record is written with event type
 * PAUSE_COLLECTION_SKIPPED (so the feeder's event triggers nothing in the Subscription Service), both in
 * one transaction (the seed writes them one after the other; together a crash cannot split them).
 *
 * Naturally idempotent: a second delivery finds the tag SUB_PAUSED and writes nothing.
 */
export async function recordPauseSkipped(
  deps: MembershipChangeDeps,
  worker: Principal,
  userId: string,
): Promise<PauseSkippedOutcome> {
  const loaded = await loadChange(deps, userId);
  const { user, membership } = loaded;
  const tag = user.tags[PAUSE_STATUS_TAG];
  if (membership?.membership_status === "SUB_PAUSED") return "already-paused";
  if (!tag || tag.tag_archived || tag.tag_value !== "SUB_PENDING_PAUSE") return "not-pending-pause";
  if (membership?.membership_status !== "SUB_PENDING_PAUSE") return "membership-not-pausing";
  await changeMembership(deps, worker, userId, {
    operation: "pauseSkipped",
    onConflict: "redecide",
    loaded,
    write: { tag: pauseStatusTag("SUB_PAUSED") },
  });
  return "paused";
}
