import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import type { UserRepository, UserVersion } from "../../ports/user.repository.ts";
import { userPage } from "./load-user.query.ts";

/** Every version of the user record, newest first. */
export async function getUserHistory(
  deps: { readonly users: UserRepository },
  principal: Principal | undefined,
  userId: string,
  page: PageRequest,
): Promise<Page<UserVersion>> {
  requireSelfOr(principal, userId);
  return userPage(deps.users, userId, page, () => deps.users.history(userId, page));
}
