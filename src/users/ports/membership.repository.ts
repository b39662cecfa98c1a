import type { Page, PageRequest } from "../../platform/store/page.ts";
import type { Membership } from "../domain/membership.ts";
import type { Tag, User, UserEventType } from "../domain/user.ts";

/** A user's new version written with a membership change, when the change moves the user's status. */
export interface UserChange {
  readonly previous: User;
  readonly next: User;
  readonly eventType: UserEventType;
  /** A tag that `next`'s tags map already holds, whose TAG item joins the same transaction. */
  readonly tag?: Tag;
}

/** Membership records: every change is a new record, the newest is current (seed 003). */
export interface MembershipRepository {
  current(userId: string): Promise<Membership | undefined>;
  /** Newest first. */
  timeline(userId: string, page: PageRequest): Promise<Page<Membership>>;
  /**
   * Writes `next` as the current record, on condition that `previous` still is (or that the user has
   * none, for the first), with the user's new version when given, all in one transaction. Throws
   * ConcurrentUpdateError when another change came first: nothing is written then.
   */
  save(previous: Membership | undefined, next: Membership, user?: UserChange): Promise<void>;
}
