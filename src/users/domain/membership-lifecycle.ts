import type { Membership, MembershipEventType, MembershipStatus } from "./membership.ts";
import {
  type Caller,
  LIFECYCLE,
  type LifecycleRule,
  type MembershipOperation,
  type MembershipState,
} from "./membership-lifecycle.table.ts";
import type { UserStatus } from "./user.ts";

export { type Caller, LIFECYCLE, type LifecycleRule, type MembershipOperation, type MembershipState };

export interface LifecycleState {
  readonly userStatus: UserStatus;
  readonly membership: Membership | undefined;
}

export type LifecycleDecision =
  | {
      readonly ok: true;
      readonly membershipStatus?: MembershipStatus;
      readonly eventType?: MembershipEventType;
      readonly userStatus?: UserStatus | "previous";
    }
  | { readonly ok: false; readonly forbidden: boolean; readonly reason: string };

/** Whether `caller` may run `operation` now, and the statuses and event type it leads to. */
export function decide(
  operation: MembershipOperation,
  caller: Caller,
  state: LifecycleState,
): LifecycleDecision {
  const rule = LIFECYCLE[operation];
  if (!rule.callers.includes(caller)) {
    return { ok: false, forbidden: true, reason: `a ${caller} may not ${describeOperation(operation)}` };
  }
  const current: MembershipState = state.membership ? state.membership.membership_status : "none";
  if (!rule.userFrom.includes(state.userStatus)) {
    return {
      ok: false,
      forbidden: false,
      reason: `cannot ${describeOperation(operation)} while the user is ${state.userStatus}`,
    };
  }
  if (!rule.membershipFrom.includes(current)) {
    return {
      ok: false,
      forbidden: false,
      reason: `cannot ${describeOperation(operation)} while the membership is ${label(current)}`,
    };
  }
  const pending = state.membership?.membership_is_pending_downgrade === true;
  if (rule.pendingDowngrade === "required" && !pending) {
    return {
      ok: false,
      forbidden: false,
      reason: `cannot ${describeOperation(operation)}: no downgrade is pending`,
    };
  }
  if (rule.pendingDowngrade === "refused" && pending) {
    return {
      ok: false,
      forbidden: false,
      reason: `cannot ${describeOperation(operation)} while a downgrade is pending; retract it first`,
    };
  }
  const eventType = typeof rule.eventType === "function" ? rule.eventType(caller) : rule.eventType;
  const membershipStatus =
    rule.membershipTo === "same" ? (state.membership?.membership_status ?? "") : rule.membershipTo;
  return {
    ok: true,
    ...(membershipStatus !== undefined ? { membershipStatus } : {}),
    ...(eventType ? { eventType } : {}),
    ...(rule.userTo ? { userStatus: rule.userTo } : {}),
  };
}

export function label(state: MembershipState): string {
  if (state === "none") return "not yet started";
  return state === "" ? "in good standing" : state;
}

/** The operation in words, as refusals and the README name it: `finalizeDowngrade` -> "finalize downgrade". */
export function describeOperation(operation: MembershipOperation): string {
  return operation.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}
