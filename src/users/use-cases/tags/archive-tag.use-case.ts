import { BusinessRuleError, NotFoundError } from "../../../platform/errors/app.errors.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { archivedTag, checkTag } from "../../domain/tag.ts";
import type { Tag } from "../../domain/user.ts";
import { actorOf, withTag } from "../../domain/user-version.ts";
import { loadUser } from "../profile/load-user.query.ts";
import { type TagDeps, withTagEvent } from "./tag-write.steps.ts";

/** DELETE /{user_id}/tags/{tag_name}: archives (soft-deletes) the tag; archiving twice changes nothing. */
export async function archiveTag(
  deps: TagDeps,
  principal: Principal | undefined,
  userId: string,
  name: string,
): Promise<Tag> {
  const by = actorOf(requireKind(principal, ["service", "operator"]));
  const check = checkTag(name, "", "api");
  if (!check.ok && check.rule) throw new BusinessRuleError(check.reason);
  return withTagEvent(deps, userId, async () => {
    const previous = await loadUser(deps.users, userId);
    const existing = previous.tags[name];
    if (!existing) throw new NotFoundError(`user ${userId} has no tag ${name}`);
    if (existing.tag_archived) return { tag: existing };
    const tag = archivedTag(existing);
    await deps.users.saveTag(previous, withTag(previous, tag, deps.clock.now(), by), tag);
    return { tag, written: true };
  });
}
