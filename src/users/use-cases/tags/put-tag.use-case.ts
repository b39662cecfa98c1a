import { BusinessRuleError, ValidationError } from "../../../platform/errors/app.errors.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { activeTag, checkTag } from "../../domain/tag.ts";
import type { Tag } from "../../domain/user.ts";
import { actorOf, withTag } from "../../domain/user-version.ts";
import { loadUser } from "../profile/load-user.query.ts";
import { type TagDeps, withTagEvent } from "./tag-write.steps.ts";

/** PUT /{user_id}/tags/{tag_name}: services and operators; the TAG item and the tags map change together. */
export async function putTag(
  deps: TagDeps,
  principal: Principal | undefined,
  userId: string,
  name: string,
  value: string,
): Promise<Tag> {
  const by = actorOf(requireKind(principal, ["service", "operator"]));
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
    await deps.users.saveTag(previous, withTag(previous, tag, deps.clock.now(), by), tag);
    return { tag, written: true };
  });
}
