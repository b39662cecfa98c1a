import { ConflictError, ForbiddenError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import {
  type Caller,
  decide,
  type LifecycleDecision,
  label,
  type MembershipOperation,
} from "../../domain/membership-lifecycle.ts";
import type { User } from "../../domain/user.ts";
import { actorOf } from "../../domain/user-version.ts";
import type { MembershipRepository } from "../../ports/membership.repository.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { loadUser } from "../profile/load-user.query.ts";

/** The engine's decide step: what the lifecycle table is asked, on what it was asked, and its answer. */

/** The user and the current record, as a change reads them. */
export interface Loaded {
  readonly user: User;
  readonly membership: Membership | undefined;
}

/** The state an operation was decided on. */
export interface ChangeState extends Loaded {
  readonly caller: Caller;
  /** The record's `membership_event_source`: `user`, `service:<id>` or `operator:<id>`. */
  readonly source: string;
  /**
   * `<operation>:<user>:<current record's start>` (without a record, the user's last update): derived
   * from the operation and the record it changes, so a repeat of the request reuses it.
   */
  readonly idempotencyKey: string;
}

export type Allowed = Extract<LifecycleDecision, { ok: true }>;

export interface Decided {
  readonly state: ChangeState;
  readonly decision: Allowed;
}

/** The current version (404 for an unknown user) and the current membership record. */
export async function loadChange(
  deps: { readonly users: UserRepository; readonly memberships: MembershipRepository },
  userId: string,
): Promise<Loaded> {
  const user = await loadUser(deps.users, userId);
  return { user, membership: await deps.memberships.current(userId) };
}

/**
 * Asks the lifecycle table: 403 for a caller it does not list, 409 naming the state it does not allow.
 * A re-decision after a lost race passes the first decision's key, so its calls stay the same calls.
 */
export function decideOn(
  loaded: Loaded,
  caller: Principal,
  operation: MembershipOperation,
  key?: string,
): Decided {
  const { user, membership } = loaded;
  const decision = decide(operation, caller.kind, { userStatus: user.user_status, membership });
  if (!decision.ok) {
    throw decision.forbidden ? new ForbiddenError(decision.reason) : new ConflictError(decision.reason);
  }
  const idempotencyKey =
    key ?? `${operation}:${user.user_id}:${membership?.membership_start_date ?? user.user_date_updated}`;
  const source = actorOf(caller);
  return { state: { caller: caller.kind, source, user, membership, idempotencyKey }, decision };
}

/** The refusal of a change that another membership record overtook. */
export function lostTo(winner: Membership | undefined): ConflictError {
  const now = winner ? label(winner.membership_status) : "not yet started";
  return new ConflictError(
    `another change to the membership came first (it is now ${now}); read it and decide again`,
  );
}

/** The current record of an operation the table allows only with one. */
export function held(membership: Membership | undefined): Membership {
  if (!membership) throw new ConflictError("the user has no membership yet");
  return membership;
}
