import { requireKind, requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import { type CleanupDeps, endedBy, sendCleanup } from "./cleanup.steps.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { archiveEndedPause } from "./pause-tag.steps.ts";

export interface CompleteCancellationDeps extends MembershipChangeDeps, CleanupDeps {}

/**
 * POST /{user_id}/membership/cancel/complete (services, operators; at the period's end): CANCELLED
 * (CANCEL), the user PAUSED, then the cleanup message. Repeating it after the cleanup could not be queued
 * sends the message again.
 */
export async function completeCancellation(
  deps: CompleteCancellationDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership | undefined> {
  const result = await changeMembership(deps, principal, userId, {
    operation: "completeCancellation",
    onConflict: "redecide",
    authorize: (caller, id) => {
      requireKind(caller, ["service", "operator"]);
      return requireSelfOr(caller, id);
    },
    repeats: ({ membership }) => endedBy(membership, "CANCEL"),
    write: { tag: archiveEndedPause },
    afterCommit: async ({ membership }) => {
      if (membership) await sendCleanup(deps, membership, "CANCEL");
    },
  });
  return result.membership;
}
