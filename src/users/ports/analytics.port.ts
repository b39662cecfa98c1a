/**
 * Product analytics and the notifications they trigger (Segment in seed 004: `user-membership-unpause`
 * with the user's email and unpause date). `track` resolves once the event was delivered and throws
 * `UnavailableError` when it could not be, so the caller's record is retried.
 *
 * `messageId` makes a repeat harmless: Segment drops a message whose id it has already seen, and the
 * sandbox does the same. Callers derive it from their input (the stream record's `event_id`).
 */
export interface Analytics {
  track(event: TrackEvent): Promise<void>;
}

export interface TrackEvent {
  readonly messageId: string;
  readonly userId: string;
  readonly event: string;
  readonly properties: Readonly<Record<string, string | number | boolean>>;
  /** When it happened (RFC 3339). */
  readonly timestamp: string;
}
