import { publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import type { PAUSE_STATUSES } from "../../domain/tag.ts";
import { activeTag, archivedTag } from "../../domain/tag.ts";
import type { Tag, User } from "../../domain/user.ts";
import { withTag } from "../../domain/user-version.ts";
import { loadUser } from "../profile/load-user.query.ts";
import { retryOnConflict } from "../profile/retry-on-conflict.policy.ts";
import { userTagChanged } from "../profile/user.events.ts";
import type { LifecycleDeps } from "./lifecycle.ts";

export const PAUSE_STATUS_TAG = "MEMBERSHIP_PAUSE_STATUS";
export const PAUSE_DISABLED_TAG = "PAUSE_SUB_DISABLED";

/** Seed 003: "When present and true, disables the pause functionality for this user." */
export function pauseDisabled(user: User): boolean {
  const tag = user.tags[PAUSE_DISABLED_TAG];
  return tag !== undefined && !tag.tag_archived && tag.tag_value === "true";
}

/** The MEMBERSHIP_PAUSE_STATUS tag a membership change writes in its own transaction (`ChangeSteps.tag`). */
export function pauseStatusTag(value: (typeof PAUSE_STATUSES)[number], archived = false): (now: Date) => Tag {
  return (now) => {
    const fresh = activeTag(PAUSE_STATUS_TAG, value, now);
    return archived ? archivedTag(fresh) : fresh;
  };
}

/**
 * Sets MEMBERSHIP_PAUSE_STATUS on its own, for flows that write no membership record with it (archived when the pause is
 * over, as seed 004's worker does). Not in the record's transaction: the membership repository's `save`
 * takes a user version but not the TAG item (ARCHITECTURE.md, "Pause and unpause"). Retried on a
 * concurrent user write; a no-op when the tag already says so. (Membership changes use `pauseStatusTag`.)
 */
export async function followPauseTag(
  deps: LifecycleDeps,
  userId: string,
  value: (typeof PAUSE_STATUSES)[number],
  archived = false,
): Promise<void> {
  const tag = await retryOnConflict(async () => {
    const user = await loadUser(deps.users, userId);
    const existing = user.tags[PAUSE_STATUS_TAG];
    if (existing && existing.tag_value === value && existing.tag_archived === archived) return undefined;
    const now = deps.clock.now();
    const fresh = activeTag(PAUSE_STATUS_TAG, value, now);
    const next = archived ? archivedTag(fresh) : fresh;
    await deps.users.saveTag(user, withTag(user, next, now), next);
    return next;
  });
  if (tag) await publishAfterCommit(deps, [userTagChanged(userId, tag, deps.clock.now())]);
}
