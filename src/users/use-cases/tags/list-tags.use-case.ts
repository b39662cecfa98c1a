import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import type { Tag } from "../../domain/user.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import type { UserTagRepository } from "../../ports/user-tag.repository.ts";
import { userPage } from "../profile/load-user.query.ts";

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
