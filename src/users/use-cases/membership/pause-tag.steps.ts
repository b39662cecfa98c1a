import { type MembershipStatus, PAUSE_PHASES } from "../../domain/membership.ts";
import type { PAUSE_STATUSES } from "../../domain/tag.ts";
import { activeTag, archivedTag } from "../../domain/tag.ts";
import type { Tag, User } from "../../domain/user.ts";

/** The MEMBERSHIP_PAUSE_STATUS tag written with the records of a pause, in their transaction (`WriteSteps.tag`). */

export const PAUSE_STATUS_TAG = "MEMBERSHIP_PAUSE_STATUS";
export const PAUSE_DISABLED_TAG = "PAUSE_SUB_DISABLED";

type TagStep = (user: User, status: MembershipStatus | undefined, now: Date) => Tag | undefined;

/** Seed 003: "When present and true, disables the pause functionality for this user." */
export function pauseDisabled(user: User): boolean {
  const tag = user.tags[PAUSE_DISABLED_TAG];
  return tag !== undefined && !tag.tag_archived && tag.tag_value === "true";
}

/** The tag set to `value` (archived when the pause is over, as seed 004's worker does). */
export function pauseStatusTag(value: (typeof PAUSE_STATUSES)[number], archived = false): TagStep {
  return (_user, _status, now) => {
    const fresh = activeTag(PAUSE_STATUS_TAG, value, now);
    return archived ? archivedTag(fresh) : fresh;
  };
}

/**
 * A change that leaves the pause phases (cancelled, closed, banned, reactivated) archives a live
 * MEMBERSHIP_PAUSE_STATUS tag in the same transaction, so the tag never outlives its pause.
 */
export const archiveEndedPause: TagStep = (user, status) => {
  const live = user.tags[PAUSE_STATUS_TAG];
  if (!live || live.tag_archived || status === undefined || PAUSE_PHASES.includes(status)) return undefined;
  return archivedTag(live);
};
