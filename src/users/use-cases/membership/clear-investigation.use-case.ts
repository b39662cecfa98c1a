import type { Principal } from "../../../platform/identity/principal.ts";
import type { User } from "../../domain/user.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";

/**
 * POST /{user_id}/user/clear-investigation (operators): back to the status before the investigation
 * (the table's "previous"); no membership record. A conflict is re-applied on the newer state.
 */
export async function clearInvestigation(
  deps: MembershipChangeDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<User> {
  const result = await changeMembership(deps, principal, userId, {
    operation: "clearInvestigation",
    onConflict: "retry",
  });
  return result.user;
}
