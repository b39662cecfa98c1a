import type { Item } from "../../../platform/store/table-store.port.ts";
import type { Membership } from "../../domain/membership.ts";
import { userPk } from "./user.mapper.ts";

/** `TIER#<start_date>`: records sort by when they became effective; the newest is current. */
export const MEMBERSHIP_SK_PREFIX = "TIER#";
export const membershipKey = (membership: Membership) => ({
  PK: userPk(membership.membership_user_id),
  SK: `${MEMBERSHIP_SK_PREFIX}${membership.membership_start_date}`,
});

const STORAGE_ATTRIBUTES = ["PK", "SK", "db_type", "event_type", "superseded_by"] as const;

/** `event_type` repeats the membership event type for the feeder (seed 004), which reads that attribute. */
export function toMembershipItem(membership: Membership): Item {
  return {
    ...(membership as unknown as Item),
    ...membershipKey(membership),
    db_type: "MEMBERSHIP",
    event_type: membership.membership_event_type,
  };
}

export function fromMembershipItem(item: Item): Membership {
  const membership: Record<string, unknown> = { ...item };
  for (const name of STORAGE_ATTRIBUTES) delete membership[name];
  return membership as unknown as Membership;
}
