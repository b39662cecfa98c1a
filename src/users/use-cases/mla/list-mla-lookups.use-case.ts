import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import type { MlaLookupRecord } from "../../domain/mla.ts";
import type { MlaLookupRepository } from "../../ports/mla-lookup.repository.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { userPage } from "../profile/load-user.query.ts";

/** GET /{user_id}/mla: the audit trail, newest first. */
export async function listMlaLookups(
  deps: { readonly users: UserRepository & MlaLookupRepository },
  principal: Principal | undefined,
  userId: string,
  page: PageRequest,
): Promise<Page<MlaLookupRecord>> {
  requireSelfOr(principal, userId);
  return userPage(deps.users, userId, page, () => deps.users.mlaLookups(userId, page));
}
