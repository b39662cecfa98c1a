import { ConflictError, ForbiddenError } from "../../../platform/errors/app.errors.ts";
import type { DomainEvent } from "../../../platform/events/event-publisher.port.ts";
import { publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import {
  type Membership,
  nextMembership,
  PAUSE_PHASES,
  withoutConfirmation,
  withoutPause,
  withoutPendingChanges,
} from "../../domain/membership.ts";
import {
  type Caller,
  decide,
  type LifecycleDecision,
  label,
  type MembershipOperation,
} from "../../domain/membership-lifecycle.ts";
import { archivedTag } from "../../domain/tag.ts";
import { ConcurrentUpdateError } from "../../domain/user.errors.ts";
import type { Tag, User } from "../../domain/user.ts";
import { nextVersion, withTag } from "../../domain/user-version.ts";
import type { CleanupQueue } from "../../ports/cleanup-queue.port.ts";
import { loadUser } from "../profile/load-user.query.ts";
import { VERSION_ATTEMPTS } from "../profile/retry-on-conflict.policy.ts";
import { userTagChanged } from "../profile/user.events.ts";
import type { LifecycleDeps, LifecycleResult } from "./lifecycle.ts";
import { membershipChanged, userStatusChanged } from "./membership.events.ts";

/** The lifecycle's dependencies plus the cleanup queue the ending operations write to. */
export interface MembershipStatusDeps extends LifecycleDeps {
  readonly cleanup: CleanupQueue;
}

/**
 * What writing a membership change needs: the two repositories, the clock and the after-commit
 * announcer. The external calls are the steps' own (closures over the lifecycle's services), so a worker
 * that makes none (seed 004's pause-skipped and pause-resume) needs no more than this.
 */
export type MembershipWriteDeps = Pick<
  LifecycleDeps,
  "users" | "memberships" | "clock" | "events" | "logger"
>;

/** The state an operation was decided on. */
export interface ChangeState {
  readonly caller: Caller;
  readonly user: User;
  readonly membership: Membership | undefined;
  /** Derived from the operation and the record it changes: a repeat of the request reuses it. */
  readonly idempotencyKey: string;
}

export interface ChangeSteps {
  /** Rules beyond the lifecycle table (float balance, tags, limits); throws to refuse. */
  readonly guard?: (state: ChangeState) => Promise<void>;
  /** The external calls, before anything is written; returns facts for the record. */
  readonly external?: (state: ChangeState) => Promise<Partial<Membership> | undefined>;
  /**
   * Undoes `external` when the write lost a race the table then refuses (best effort, logged); `winner`
   * is the record that won, so the undo can leave the winner's own change in place.
   */
  readonly compensate?: (
    state: ChangeState,
    facts: Partial<Membership>,
    winner: Membership | undefined,
  ) => Promise<void>;
  readonly user?: (current: User) => Partial<User>;
  readonly membership?: (current: Membership) => Partial<Membership>;
  /** A tag written with the record, in the same transaction (the TAG item and the user's tags map). */
  readonly tag?: (now: Date) => Tag;
}

/**
 * An operation with external calls: decide by the lifecycle table (403 / 409 before any call), run the
 * guards, make the external calls with a key derived from the operation, then write the record and the
 * user's version in one transaction. Of two conflicting membership changes exactly one wins: when
 * another membership record came first, `compensate` undoes this one's calls and the caller gets 409
 * naming the new state. A concurrent write that only touched the user (a tag, a profile change) is not a
 * conflict: the record is re-decided on the newer user and written again.
 */
export async function changeMembership(
  deps: MembershipWriteDeps,
  principal: Principal | undefined,
  userId: string,
  operation: MembershipOperation,
  steps: ChangeSteps,
): Promise<LifecycleResult> {
  const caller = requireSelfOr(principal, userId);
  const source = caller.kind === "user" ? "user" : `${caller.kind}:${caller.id}`;
  let { state, decision } = await decideNow(deps, caller.kind, userId, operation);
  await steps.guard?.(state);
  const facts = (await steps.external?.(state)) ?? {};
  for (let attempt = 1; ; attempt++) {
    try {
      const written = await write(deps, state, decision, source, { ...steps, facts });
      await publishAfterCommit(deps, written.events);
      return { user: written.user, membership: written.membership };
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= VERSION_ATTEMPTS) throw error;
    }
    try {
      const before = state.membership?.membership_start_date;
      ({ state, decision } = await decideNow(deps, caller.kind, userId, operation, state.idempotencyKey));
      if (state.membership?.membership_start_date !== before) throw lostTo(state.membership);
    } catch (refused) {
      await compensate(deps, steps, state, operation, facts);
      throw refused;
    }
  }
}

function lostTo(winner: Membership | undefined): ConflictError {
  const now = winner ? label(winner.membership_status) : "not yet started";
  return new ConflictError(
    `another change to the membership came first (it is now ${now}); read it and decide again`,
  );
}

type Allowed = Extract<LifecycleDecision, { ok: true }>;

async function decideNow(
  deps: MembershipWriteDeps,
  caller: Caller,
  userId: string,
  operation: MembershipOperation,
  key?: string,
): Promise<{ state: ChangeState; decision: Allowed }> {
  const user = await loadUser(deps.users, userId);
  const membership = await deps.memberships.current(userId);
  const decision = decide(operation, caller, { userStatus: user.user_status, membership });
  if (!decision.ok) {
    throw decision.forbidden ? new ForbiddenError(decision.reason) : new ConflictError(decision.reason);
  }
  const idempotencyKey =
    key ?? `${operation}:${userId}:${membership?.membership_start_date ?? user.user_date_updated}`;
  return { state: { caller, user, membership, idempotencyKey }, decision };
}

async function write(
  deps: MembershipWriteDeps,
  state: ChangeState,
  decision: Allowed,
  source: string,
  steps: ChangeSteps & { readonly facts: Partial<Membership> },
): Promise<LifecycleResult & { events: DomainEvent[] }> {
  const { user, membership } = state;
  const now = deps.clock.now();
  const status = decision.userStatus === "previous" ? undefined : decision.userStatus;
  const tag = steps.tag?.(now) ?? endedPause(user, decision.membershipStatus);
  const changed = status && nextVersion(user, { ...steps.user?.(user), user_status: status }, now);
  const nextUser = tag ? withTag(changed || user, tag, now) : changed;
  const ends = decision.membershipStatus === "CANCELLED";
  const restarts = decision.eventType === "REACTIVATE" || decision.eventType === "MANUAL_REACTIVATION";
  const base = membership && withoutConfirmation(carriedForward(membership, ends || restarts, decision));
  const record =
    base && decision.eventType && decision.membershipStatus !== undefined
      ? nextMembership(
          base,
          {
            ...steps.membership?.(base),
            ...steps.facts,
            membership_status: decision.membershipStatus,
            membership_event_type: decision.eventType,
            membership_event_source: source,
          },
          now,
        )
      : undefined;
  const eventType = changed ? ("USER_STATUS_CHANGED" as const) : ("USER_UPDATED" as const);
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

async function compensate(
  deps: MembershipWriteDeps,
  steps: ChangeSteps,
  state: ChangeState,
  operation: MembershipOperation,
  facts: Partial<Membership>,
): Promise<void> {
  try {
    await steps.compensate?.(state, facts, await deps.memberships.current(state.user.user_id));
  } catch (error) {
    // The 409 still goes out: the record is the winner's; this log is how an operator finds the residue.
    deps.logger.error("compensation after a lost race failed", {
      operation,
      user_id: state.user.user_id,
      error: error instanceof Error ? error.name : "unknown",
    });
  }
}

/** The outstanding float balance refuses cancellations, closures and reactivations (409 with the amount). */
export async function requireNoFloatBalance(
  deps: LifecycleDeps,
  userId: string,
  action: string,
): Promise<void> {
  const balance = await deps.floats.outstandingBalance(userId);
  if (balance.amountCents > 0) {
    const amount = `${(balance.amountCents / 100).toFixed(2)} ${balance.currency}`;
    throw new ConflictError(
      `cannot ${action} while ${amount} (${balance.amountCents} cents) of floats is outstanding; repay it first`,
    );
  }
}

/**
 * A change that leaves the pause phases (cancelled, closed, banned, reactivated) archives a live
 * MEMBERSHIP_PAUSE_STATUS tag in the same transaction, so the tag never outlives its pause.
 */
/** What the next record keeps: an ended or restarted one drops pending changes; a resumed one its pause. */
function carriedForward(membership: Membership, ends: boolean, decision: Allowed): Membership {
  if (ends) return withoutPendingChanges(membership);
  return decision.eventType === "SUB_RESUMED" ? withoutPause(membership) : membership;
}

function endedPause(user: User, status: Membership["membership_status"] | undefined): Tag | undefined {
  const live = user.tags.MEMBERSHIP_PAUSE_STATUS;
  if (!live || live.tag_archived || status === undefined || PAUSE_PHASES.includes(status)) return undefined;
  return archivedTag(live);
}
