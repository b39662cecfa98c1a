import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import type { Membership } from "../../domain/membership.ts";
import { userPage } from "../profile/load-user.query.ts";
import type { MembershipReadDeps } from "./get-membership.use-case.ts";

/** GET /{user_id}/memberships: the timeline, newest first. */
export async function listMemberships(
  deps: MembershipReadDeps,
  principal: Principal | undefined,
  userId: string,
  page: PageRequest,
): Promise<Page<Membership>> {
  requireSelfOr(principal, userId);
  return userPage(deps.users, userId, page, () => deps.memberships.timeline(userId, page));
}
