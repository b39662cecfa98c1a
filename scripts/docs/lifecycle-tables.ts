/**
 * The membership lifecycle as tables, from the User Service's lifecycle table (`LIFECYCLE`): by operation
 * (what `decide()` allows), and by status (where each state machine can go from each state).
 */
import { MEMBERSHIP_STATUSES, type MembershipStatus } from "../../src/users/domain/membership.ts";
import {
  type Caller,
  describeOperation,
  LIFECYCLE,
  type LifecycleRule,
  type MembershipOperation,
  type MembershipState,
} from "../../src/users/domain/membership-lifecycle.ts";
import { USER_STATUSES, type UserStatus } from "../../src/users/domain/user.ts";
import { list, table } from "./markdown.ts";

const operations = Object.entries(LIFECYCLE) as [MembershipOperation, LifecycleRule][];
const MEMBERSHIP_STATES: readonly MembershipState[] = ["none", ...MEMBERSHIP_STATUSES];

/** `""` (good standing) shown as such; "none" is the state of a user who has no membership yet. */
const stateName = (state: MembershipState | UserStatus): string => (state === "" ? '""' : state);

/** The states allowed, or "any" / "any but ..." when that is shorter. */
function states<T extends string>(allowed: readonly T[], all: readonly T[], name: (s: T) => string): string {
  const missing = all.filter((state) => !allowed.includes(state));
  if (missing.length === 0) return "any";
  if (missing.length === 1 || (missing.length === 2 && allowed.length >= 5))
    return `any but ${missing.map(name).join(", ")}`;
  return all
    .filter((state) => allowed.includes(state))
    .map(name)
    .join(", ");
}

/** The event type each caller kind gets, grouped: "REACTIVATE" or "MANUAL_REACTIVATION for a user, ...". */
function eventTypes(rule: LifecycleRule): string | undefined {
  const { eventType } = rule;
  if (typeof eventType !== "function") return eventType;
  const byType = new Map<string, Caller[]>();
  for (const caller of rule.callers)
    byType.set(eventType(caller), [...(byType.get(eventType(caller)) ?? []), caller]);
  return [...byType].map(([type, callers]) => `${type} for a ${list(callers, "or")}`).join(", ");
}

function recordWritten(rule: LifecycleRule): string {
  if (rule.membershipTo === undefined) return "none";
  const status = rule.membershipTo === "same" ? "same" : stateName(rule.membershipTo);
  const type = eventTypes(rule);
  return type ? `${status} (${type})` : status;
}

function userTo(rule: LifecycleRule): string {
  if (rule.userTo === undefined) return "—";
  return rule.userTo === "previous" ? "the status before" : rule.userTo;
}

function membershipFrom(rule: LifecycleRule): string {
  const from = states(rule.membershipFrom, MEMBERSHIP_STATES, stateName);
  if (rule.pendingDowngrade === "required") return `${from}; a downgrade pending`;
  if (rule.pendingDowngrade === "refused") return `${from}; no downgrade pending`;
  return from;
}

/** One row per operation: who may run it from which states, and what it writes. */
export function lifecycleTable(): string {
  return table(
    ["operation", "callers", "user from", "membership from", "record written (event type)", "user to"],
    operations.map(([operation, rule]) => [
      describeOperation(operation),
      rule.callers.join(", "),
      states(rule.userFrom, USER_STATUSES, stateName),
      membershipFrom(rule),
      recordWritten(rule),
      userTo(rule),
    ]),
  );
}

/** Where one state machine goes from each state: "TO (operation, operation); ...", self-loops left out. */
function transitions<S extends MembershipState | UserStatus>(
  all: readonly S[],
  from: (rule: LifecycleRule) => readonly S[],
  to: (rule: LifecycleRule, state: S) => string | undefined,
): string[][] {
  return all.map((state) => {
    const targets = new Map<string, string[]>();
    for (const [operation, rule] of operations) {
      const target = from(rule).includes(state) ? to(rule, state) : undefined;
      if (target === undefined || target === state) continue;
      targets.set(target, [...(targets.get(target) ?? []), describeOperation(operation)]);
    }
    const moves = [...targets].map(
      ([target, ops]) => `${stateName(target as MembershipState)} (${ops.join(", ")})`,
    );
    return [stateName(state), moves.join("; ") || "—"];
  });
}

/** The user status state machine: every status and the statuses operations move it to. */
export function userStatusTable(): string {
  return table(
    ["user status", "becomes (by operation)"],
    transitions(
      USER_STATUSES,
      (rule) => rule.userFrom,
      (rule) => (rule.userTo === "previous" ? "the status before" : rule.userTo),
    ),
  );
}

/**
 * The membership status state machine: every state and the statuses operations move it to. Without a
 * membership ("none") a record is written only by the operation that starts one (its only state is
 * "none"); the others change the user alone (the use cases write a record over an existing one).
 */
export function membershipStatusTable(): string {
  const starts = (rule: LifecycleRule) =>
    rule.membershipFrom.length === 1 && rule.membershipFrom[0] === "none";
  return table(
    ["membership status", "becomes (by operation)"],
    transitions(
      MEMBERSHIP_STATES,
      (rule) => rule.membershipFrom,
      (rule, state): MembershipStatus | undefined =>
        rule.membershipTo === "same" || (state === "none" && !starts(rule)) ? undefined : rule.membershipTo,
    ),
  );
}
