import type { Principal } from "../../../platform/identity/principal.ts";
import type { User } from "../../domain/user.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";

/**
 * POST /{user_id}/user/investigate (operators): INVESTIGATE, remembering the status it interrupts. No
 * external call, so a conflict is re-applied on the newer state. The INVESTIGATE record repeats the
 * previous one as it stands, its `membership_confirmation_id` included (the other changes drop it).
 */
export async function investigateUser(
  deps: MembershipChangeDeps,
  principal: Principal | undefined,
  userId: string,
  reason: string,
): Promise<User> {
  const result = await changeMembership(deps, principal, userId, {
    operation: "investigate",
    onConflict: "retry",
    write: {
      carry: (previous) => previous,
      user: (current) => ({
        user_status_before_investigation: current.user_status,
        user_status_reason: reason,
      }),
    },
  });
  return result.user;
}
