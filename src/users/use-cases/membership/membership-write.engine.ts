import type { DomainEvent } from "../../../platform/events/event-publisher.port.ts";
import type { AfterCommitDeps } from "../../../platform/events/publish-after-commit.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import {
  type Membership,
  type MembershipStatus,
  nextMembership,
  withoutConfirmation,
  withoutPause,
  withoutPendingChanges,
} from "../../domain/membership.ts";
import type { Tag, User, UserEventType } from "../../domain/user.ts";
import { nextVersion, withTag } from "../../domain/user-version.ts";
import type { MembershipRepository } from "../../ports/membership.repository.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import type { UserTagRepository } from "../../ports/user-tag.repository.ts";
import { userTagChanged } from "../profile/user.events.ts";
import { membershipChanged, userStatusChanged } from "./membership.events.ts";
import type { Allowed, ChangeState, Loaded } from "./membership-decision.engine.ts";

/** What the engine needs: the user and membership stores, the clock, the after-commit announcer. */
export interface MembershipChangeDeps extends AfterCommitDeps {
  /** Tags too: a change can write the MEMBERSHIP_PAUSE_STATUS tag with its record. */
  readonly users: UserRepository & UserTagRepository;
  readonly memberships: MembershipRepository;
  readonly clock: Clock;
}

/** What the external calls found or did: the record's facts, and whatever a compensation needs. */
export interface Facts {
  readonly record?: Partial<Membership>;
}

/** The fields of a record the engine sets from the decision. */
export type DecidedFields = Pick<
  Membership,
  "membership_status" | "membership_event_type" | "membership_event_source" | "membership_start_date"
>;

/** How an operation's record, user version and tag differ from the table's decision alone. */
export interface WriteSteps<F extends Facts> {
  /** The first record, for an operation that starts a membership (activation). */
  readonly first?: (facts: F, decided: DecidedFields) => Membership;
  /** What the record keeps of the previous one; by default `carriedForward`. */
  readonly carry?: (previous: Membership, decision: Allowed) => Membership;
  /** The record's own changes, made at the write (after the external calls' facts). */
  readonly membership?: (base: Membership) => Partial<Membership>;
  /** What the user's new version adds to the status the table decided. */
  readonly user?: (current: User) => Partial<User>;
  /** The user version's event type when the status moves; USER_STATUS_CHANGED by default. */
  readonly userEventType?: UserEventType;
  /** A tag written in the same transaction (the TAG item and the user's tags map). */
  readonly tag?: (user: User, status: MembershipStatus | undefined, now: Date) => Tag | undefined;
}

export interface Written extends Loaded {
  readonly events: readonly DomainEvent[];
}

/**
 * What a new record carries forward by default: never a charge's confirmation id (only the record that
 * collected it has it); a record that ends (CANCELLED) or restarts (a reactivation) the membership drops
 * a pending downgrade and a pause; a resumed one (SUB_RESUMED) its pause.
 */
export function carriedForward(previous: Membership, decision: Allowed): Membership {
  const ends = decision.membershipStatus === "CANCELLED";
  const restarts = decision.eventType === "REACTIVATE" || decision.eventType === "MANUAL_REACTIVATION";
  if (ends || restarts) return withoutConfirmation(withoutPendingChanges(previous));
  return withoutConfirmation(decision.eventType === "SUB_RESUMED" ? withoutPause(previous) : previous);
}

/**
 * The write step: the record, the user's version and the tag in one transaction
 * (`memberships.save`, or the user's version alone when there is no record), and the events to
 * publish once it committed. Throws ConcurrentUpdateError when another write came first.
 */
export async function writeChange<F extends Facts>(
  deps: MembershipChangeDeps,
  steps: WriteSteps<F>,
  { user, membership, source }: ChangeState,
  decision: Allowed,
  facts: F,
): Promise<Written> {
  const now = deps.clock.now();
  const tag = steps.tag?.(user, decision.membershipStatus, now);
  const changed = decision.userStatus && statusVersion(user, decision.userStatus, steps, now, source);
  const nextUser = tag ? withTag(changed || user, tag, now, source) : changed;
  const record = recordOf(steps, membership, decision, source, facts, now);
  const eventType = changed ? (steps.userEventType ?? "USER_STATUS_CHANGED") : "USER_UPDATED";
  const userChange = nextUser && { previous: user, next: nextUser, eventType, ...(tag ? { tag } : {}) };
  if (record) await deps.memberships.save(membership, record, userChange);
  else if (nextUser && tag) await deps.users.saveTag(user, nextUser, tag);
  else if (nextUser) await deps.users.saveVersion(user, nextUser, eventType);
  const events: DomainEvent[] = [
    ...(record ? [membershipChanged(record, now)] : []),
    ...(changed && nextUser ? [userStatusChanged(user, nextUser, now)] : []),
    ...(tag ? [userTagChanged(user.user_id, tag, now)] : []),
  ];
  return { user: nextUser ?? user, membership: record ?? membership, events };
}

function recordOf<F extends Facts>(
  steps: WriteSteps<F>,
  membership: Membership | undefined,
  decision: Allowed,
  source: string,
  facts: F,
  now: Date,
): Membership | undefined {
  const { eventType, membershipStatus } = decision;
  if (!eventType || membershipStatus === undefined) return undefined;
  const decided = { membership_status: membershipStatus, membership_event_type: eventType };
  if (!membership) {
    const start = now.toISOString();
    const first = { ...decided, membership_event_source: source, membership_start_date: start };
    return steps.first?.(facts, first);
  }
  const base = (steps.carry ?? carriedForward)(membership, decision);
  const change = { ...steps.membership?.(base), ...facts.record, ...decided };
  return nextMembership(base, { ...change, membership_event_source: source }, now);
}

/**
 * The user's version with the status the table decided; "previous" ends an investigation: the status
 * it interrupted comes back (ACTIVE if none was kept) and the investigation's fields go.
 */
function statusVersion<F extends Facts>(
  user: User,
  status: User["user_status"] | "previous",
  steps: WriteSteps<F>,
  now: Date,
  by: string,
): User {
  const restored = status === "previous" ? (user.user_status_before_investigation ?? "ACTIVE") : status;
  const next = nextVersion(user, { ...steps.user?.(user), user_status: restored }, now, by);
  if (status !== "previous") return next;
  const { user_status_before_investigation: _cleared, user_status_reason: _reason, ...rest } = next;
  return rest;
}
