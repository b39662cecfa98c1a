/**
 * A subscription linked to a Roster user (`user-subscriptions`): by the member's own link call, by the
 * opaque account token the app passed to the store at purchase, or carried over from the purchase a
 * Google upgrade replaced.
 */
export type LinkSource = "link" | "account-token" | "linked-purchase";

export interface UserLink {
  readonly userId: string;
  readonly subscriptionId: string;
  readonly source: LinkSource;
  readonly createdAt: Date;
}
