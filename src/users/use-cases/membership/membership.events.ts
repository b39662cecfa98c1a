import type { DomainEvent } from "../../../platform/events/event-publisher.port.ts";
import type { Membership } from "../../domain/membership.ts";
import type { User } from "../../domain/user.ts";
import { USER_EVENT_SOURCE } from "../profile/user.events.ts";

/** A new membership record: its event type and the state it leaves (no personal data). */
export function membershipChanged(membership: Membership, time: Date): DomainEvent {
  return {
    source: USER_EVENT_SOURCE,
    detailType: "MembershipChanged",
    detail: {
      user_id: membership.membership_user_id,
      membership_event_type: membership.membership_event_type,
      membership_status: membership.membership_status,
      membership_tier: membership.membership_tier,
      membership_tier_version: membership.membership_tier_version,
      membership_term: membership.membership_term,
      membership_is_pending_downgrade: membership.membership_is_pending_downgrade,
      membership_start_date: membership.membership_start_date,
    },
    time,
  };
}

/** The user's status moved; the reason an operator gave stays in the record, not in the event. */
export function userStatusChanged(previous: User, next: User, time: Date): DomainEvent {
  return {
    source: USER_EVENT_SOURCE,
    detailType: "UserStatusChanged",
    detail: {
      user_id: next.user_id,
      user_status: next.user_status,
      previous_user_status: previous.user_status,
    },
    time,
  };
}
