import { ConflictError } from "../../../platform/errors/app.errors.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import { type RetractCancellationDeps, retractCancellation } from "./retract-cancellation.use-case.ts";
import { type RetractDowngradeDeps, retractDowngrade } from "./retract-downgrade.use-case.ts";

export type RetractPendingChangeDeps = RetractDowngradeDeps & RetractCancellationDeps;

/**
 * POST /{user_id}/membership/retract: one route for both pending changes. A pending cancellation is
 * withdrawn by `retractCancellation` (RETRACT); anything else is a pending downgrade's retraction
 * (MEMBERSHIP_RETRACT), which the lifecycle table refuses (409) when no downgrade is pending.
 */
export async function retractPendingChange(
  deps: RetractPendingChangeDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership> {
  requireSelfOr(principal, userId);
  const current = await deps.memberships.current(userId);
  // A cancellation, pending or done, answers as one (a done one: 409 naming its state).
  const cancelling =
    current?.membership_status === "PENDING_CANCELLATION" || current?.membership_status === "CANCELLED";
  if (!cancelling) return retractDowngrade(deps, principal, userId);
  const retracted = await retractCancellation(deps, principal, userId);
  if (!retracted) throw new ConflictError("the pending cancellation was not retracted");
  return retracted;
}
