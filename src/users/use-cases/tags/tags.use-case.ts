import { BusinessRuleError, NotFoundError, ValidationError } from "../../../platform/errors/app.errors.ts";
import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireKind, requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { activeTag, archivedTag, checkTag } from "../../domain/tag.ts";
import type { Tag } from "../../domain/user.ts";
import { withTag } from "../../domain/user-version.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import type { UserTagRepository } from "../../ports/user-tag.repository.ts";
import { loadUser, userPage } from "../profile/load-user.ts";
import { retryOnConflict } from "../profile/retry-on-conflict.ts";
import { userTagChanged } from "../profile/user.events.ts";

export interface TagDeps extends AfterCommitDeps {
  readonly users: UserRepository & UserTagRepository;
  readonly clock: Clock;
}

/** PUT /{user_id}/tags/{tag_name}: services and operators; the TAG item and the tags map change together. */
export async function putTag(
  deps: TagDeps,
  principal: Principal | undefined,
  userId: string,
  name: string,
  value: string,
): Promise<Tag> {
  requireKind(principal, ["service", "operator"]);
  const check = checkTag(name, value, "api");
  if (!check.ok) {
    if (check.rule) throw new BusinessRuleError(check.reason);
    throw new ValidationError([{ path: check.field, message: check.reason }]);
  }
  return withTagEvent(deps, userId, async () => {
    const previous = await loadUser(deps.users, userId);
    const existing = previous.tags[name];
    if (existing && !existing.tag_archived && existing.tag_value === value) return { tag: existing };
    const tag = activeTag(name, value, deps.clock.now());
    await deps.users.saveTag(previous, withTag(previous, tag, deps.clock.now()), tag);
    return { tag, written: true };
  });
}

/** DELETE /{user_id}/tags/{tag_name}: archives (soft-deletes) the tag; archiving twice changes nothing. */
export async function archiveTag(
  deps: TagDeps,
  principal: Principal | undefined,
  userId: string,
  name: string,
): Promise<Tag> {
  requireKind(principal, ["service", "operator"]);
  const check = checkTag(name, "", "api");
  if (!check.ok && check.rule) throw new BusinessRuleError(check.reason);
  return withTagEvent(deps, userId, async () => {
    const previous = await loadUser(deps.users, userId);
    const existing = previous.tags[name];
    if (!existing) throw new NotFoundError(`user ${userId} has no tag ${name}`);
    if (existing.tag_archived) return { tag: existing };
    const tag = archivedTag(existing);
    await deps.users.saveTag(previous, withTag(previous, tag, deps.clock.now()), tag);
    return { tag, written: true };
  });
}

/** Runs a tag write (retried on conflict) and announces it once it committed; a no-op announces nothing. */
async function withTagEvent(
  deps: TagDeps,
  userId: string,
  attempt: () => Promise<{ tag: Tag; written?: boolean }>,
): Promise<Tag> {
  const { tag, written } = await retryOnConflict(attempt);
  if (written) await publishAfterCommit(deps, [userTagChanged(userId, tag, deps.clock.now())]);
  return tag;
}

/** GET /{user_id}/tags: active and archived, for the user themself and staff. */
export async function listTags(
  deps: { readonly users: UserRepository & UserTagRepository },
  principal: Principal | undefined,
  userId: string,
  page: PageRequest,
): Promise<Page<Tag>> {
  requireSelfOr(principal, userId);
  return userPage(deps.users, userId, page, () => deps.users.tags(userId, page));
}
