/**
 * The cleanup queue of seed 000 (`{stage}-user-service-cleanup`): once a membership has ended (a
 * completed cancellation, an account closure) one message asks the cleanup worker (issue 5) to remove
 * the user's Plaid items, block the Auth0 account and schedule the Array cleanup.
 *
 * Delivery is at least once: a repeated completion sends the message again, so the worker must treat a
 * second message for the same user and `requested_at` as done. `send` throws when the queue did not take
 * the message (the caller then says so and lets the request be repeated). The wire format is
 * `CleanupMessageSchema` (`messages/cleanup.message.ts`), which the worker parses with.
 */
export interface CleanupQueue {
  send(message: CleanupMessage): Promise<void>;
}

/** Why the membership ended: the event type of the record that ended it. */
export const CLEANUP_REASONS = ["CANCEL", "CLOSEACCOUNT"] as const;

export interface CleanupMessage {
  readonly user_id: string;
  readonly reason: (typeof CLEANUP_REASONS)[number];
  /** RFC 3339: the `membership_start_date` of the record that ended the membership. */
  readonly requested_at: string;
}
