import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { Tag } from "../../domain/user.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import type { UserTagRepository } from "../../ports/user-tag.repository.ts";
import { retryOnConflict } from "../profile/retry-on-conflict.policy.ts";
import { userTagChanged } from "../profile/user.events.ts";

/** What the tag writes need: the user's versions and tags, the clock, the announcer. */
export interface TagDeps extends AfterCommitDeps {
  readonly users: UserRepository & UserTagRepository;
  readonly clock: Clock;
}

/** Runs a tag write (retried on conflict) and announces it once it committed; a no-op announces nothing. */
export async function withTagEvent(
  deps: TagDeps,
  userId: string,
  attempt: () => Promise<{ tag: Tag; written?: boolean }>,
): Promise<Tag> {
  const { tag, written } = await retryOnConflict(attempt);
  if (written) await publishAfterCommit(deps, [userTagChanged(userId, tag, deps.clock.now())]);
  return tag;
}
