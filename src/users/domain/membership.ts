/** The membership record of seed 003 and its vocabulary. */

/** An empty status is good standing (seed 003). */
export const MEMBERSHIP_STATUSES = [
  "",
  "PENDING_CANCELLATION",
  "CANCELLED",
  "SUB_PENDING_PAUSE",
  "SUB_PAUSED",
  "SUB_PENDING_RESUME",
  "SUB_RESUMED",
  "SUB_ACTIVE",
] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/**
 * Seed 003's event types, plus ACTIVATE (the first record; the seed names none) and seed 004's
 * PAUSE_COLLECTION_SKIPPED (written by the subscription worker so the feeder triggers nothing).
 */
export const MEMBERSHIP_EVENT_TYPES = [
  "ACTIVATE",
  "CANCEL",
  "CLOSEACCOUNT",
  "RETRACT",
  "REACTIVATE",
  "MANUAL_REACTIVATION",
  "MX_UNBLOCK",
  "SUB_PAUSED",
  "UNPAUSE",
  "UNPAUSE_CHARGE",
  "SUB_RESUMED",
  "BANNED",
  "INVESTIGATE",
  "PAYNOW",
  "MEMBERSHIP_UPGRADE",
  "MEMBERSHIP_DOWNGRADE",
  "MEMBERSHIP_DOWNGRADE_FINALIZED",
  "MEMBERSHIP_RETRACT",
  "PAUSE_COLLECTION_SKIPPED",
] as const;
export type MembershipEventType = (typeof MEMBERSHIP_EVENT_TYPES)[number];

export const MEMBERSHIP_TERMS = ["MONTHLY", "ANNUAL"] as const;
export type MembershipTerm = (typeof MEMBERSHIP_TERMS)[number];

export interface Membership {
  readonly membership_user_id: string;
  readonly membership_tier: string;
  readonly membership_tier_version: string;
  readonly membership_term: MembershipTerm;
  readonly membership_status: MembershipStatus;
  /** Which system or actor wrote this record, e.g. `user`, `operator:mx-kim`, `service:subscriptions`. */
  readonly membership_event_source: string;
  readonly membership_event_type: MembershipEventType;
  readonly membership_confirmation_id?: string;
  readonly membership_subscription_id?: string;
  readonly membership_is_pending_downgrade: boolean;
  /** The tier a pending downgrade moves to (not in seed 003, which keeps only the flag and the date). */
  readonly membership_pending_tier?: string;
  readonly membership_downgrade_date?: string;
  /** RFC 3339; also the record's sort key (`TIER#<start_date>`), strictly later than the previous record's. */
  readonly membership_start_date: string;
  readonly membership_reactivation_date?: string;
  readonly membership_pause_date?: string;
  readonly membership_unpause_date?: string;
  readonly membership_pause_duration_months?: number;
}

/** The next record: the previous one carried forward, changed, effective strictly after it. */
export function nextMembership(
  previous: Membership,
  change: Partial<Membership> & Pick<Membership, "membership_event_type" | "membership_event_source">,
  now: Date,
): Membership {
  const after = Math.max(now.getTime(), Date.parse(previous.membership_start_date) + 1);
  return { ...previous, ...change, membership_start_date: new Date(after).toISOString() };
}

/** A record that collects no money carries no confirmation id (the last charge's stays on its own record). */
export function withoutConfirmation(record: Membership): Membership {
  const { membership_confirmation_id: _confirmation, ...rest } = record;
  return rest;
}

/**
 * What a record that ends the membership (CANCELLED) or starts a new subscription (a reactivation)
 * must not carry forward: a pending downgrade and a pause belong to the subscription that ended.
 */
export function withoutPendingChanges(record: Membership): Membership {
  const {
    membership_pending_tier: _tier,
    membership_downgrade_date: _downgrade,
    membership_pause_date: _pause,
    membership_pause_duration_months: _months,
    ...rest
  } = record;
  return { ...rest, membership_is_pending_downgrade: false };
}

/** The record without the attributes of a pending downgrade (finalized or retracted). */
export function withoutPendingDowngrade(record: Membership): Membership {
  const { membership_pending_tier: _tier, membership_downgrade_date: _date, ...rest } = record;
  return { ...rest, membership_is_pending_downgrade: false };
}

/** A resumed membership (seed 004's pause-resume): pause_date and pause_duration_months cleared. */
export function withoutPause(record: Membership): Membership {
  const { membership_pause_date: _pause, membership_pause_duration_months: _months, ...rest } = record;
  return rest;
}

/** Statuses during which the MEMBERSHIP_PAUSE_STATUS tag is live (seed 003's four values). */
export const PAUSE_PHASES: readonly MembershipStatus[] = [
  "SUB_PENDING_PAUSE",
  "SUB_PAUSED",
  "SUB_PENDING_RESUME",
  "SUB_RESUMED",
];
