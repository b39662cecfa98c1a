import type { UserLink } from "../domain/user-link.ts";

/** The `user-subscriptions` table and its `subscriptionId-userId` index. */
export interface UserLinkRepository {
  /** Links; false when the link already existed (nothing changes, and no opt-in is sent again). */
  link(link: UserLink): Promise<boolean>;
  unlink(userId: string, subscriptionId: string): Promise<void>;
  linksOfUser(userId: string): Promise<UserLink[]>;
  usersOf(subscriptionId: string): Promise<UserLink[]>;
}
