import type { Principal } from "../../../platform/identity/principal.ts";
import type { User } from "../../domain/user.ts";
import { type LifecycleDeps, runLifecycle } from "./lifecycle.ts";

/** POST /{user_id}/user/investigate (operators): INVESTIGATE, remembering the status it interrupts. */
export async function investigateUser(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
  reason: string,
): Promise<User> {
  const result = await runLifecycle(deps, principal, userId, "investigate", {
    user: (current) => ({
      user_status_before_investigation: current.user_status,
      user_status_reason: reason,
    }),
  });
  return result.user;
}

/** POST /{user_id}/user/clear-investigation (operators): back to the status before the investigation. */
export async function clearInvestigation(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<User> {
  return (await runLifecycle(deps, principal, userId, "clearInvestigation")).user;
}
