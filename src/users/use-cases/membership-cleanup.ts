import { DependencyError } from "../../platform/errors/app.errors.ts";
import type { Membership } from "../domain/membership.ts";
import type { CleanupMessage } from "../ports/cleanup-queue.port.ts";
import type { MembershipStatusDeps } from "./status-change.ts";

/** Whether `membership` is the record that ended the membership for `reason` (a repeat re-sends cleanup). */
export function endedBy(membership: Membership | undefined, reason: CleanupMessage["reason"]): boolean {
  return membership?.membership_status === "CANCELLED" && membership.membership_event_type === reason;
}

/**
 * Sends the cleanup message after the record that ended the membership committed. If the queue does not
 * take it the membership stays ended (the record is the truth) and the caller gets 502 saying so:
 * repeating the request finds the ended record and sends the message again.
 */
export async function sendCleanup(
  deps: MembershipStatusDeps,
  ended: Membership,
  reason: CleanupMessage["reason"],
): Promise<void> {
  try {
    await deps.cleanup.send({
      user_id: ended.membership_user_id,
      reason,
      requested_at: ended.membership_start_date,
    });
  } catch {
    const what = reason === "CANCEL" ? "the cancellation" : "the account closure";
    throw new DependencyError(
      `${what} stands (the membership is CANCELLED), but the cleanup could not be queued; repeat this request to queue it`,
    );
  }
}
