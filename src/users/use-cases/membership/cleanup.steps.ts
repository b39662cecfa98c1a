import { DependencyError } from "../../../platform/errors/app.errors.ts";
import type { Membership } from "../../domain/membership.ts";
import type { CleanupMessage, CleanupQueue } from "../../ports/cleanup-queue.port.ts";

/** The cleanup message an ending change sends after its commit (`MembershipChange.afterCommit`). */

export interface CleanupDeps {
  readonly cleanup: CleanupQueue;
}

/** Whether `membership` is the record that ended the membership for `reason` (a repeat re-sends cleanup). */
export function endedBy(membership: Membership | undefined, reason: CleanupMessage["reason"]): boolean {
  return membership?.membership_status === "CANCELLED" && membership.membership_event_type === reason;
}

/**
 * Sends the cleanup message after the record that ended the membership committed. If the queue does not
 * take it the membership stays ended (the record is the truth) and the caller gets 502 saying so:
 * repeating the request finds the ended record and sends the message again.
 */
export function sendCleanup(
  deps: CleanupDeps,
  ended: Membership,
  reason: CleanupMessage["reason"],
): Promise<void> {
  return queueCleanup(deps, ended.membership_user_id, ended.membership_start_date, reason);
}

/** The same for a user who never had a membership (an account closed before activation). */
export async function queueCleanup(
  deps: CleanupDeps,
  userId: string,
  requestedAt: string,
  reason: CleanupMessage["reason"],
): Promise<void> {
  try {
    await deps.cleanup.send({ user_id: userId, reason, requested_at: requestedAt });
  } catch {
    const what = reason === "CANCEL" ? "the cancellation" : "the account closure";
    throw new DependencyError(
      `${what} stands (the membership is CANCELLED), but the cleanup could not be queued; repeat this request to queue it`,
    );
  }
}
