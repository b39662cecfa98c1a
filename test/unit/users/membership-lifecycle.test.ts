import { describe, expect, it } from "vitest";
import {
  MEMBERSHIP_EVENT_TYPES,
  MEMBERSHIP_STATUSES,
  type Membership,
  type MembershipStatus,
} from "../../../src/users/domain/membership.ts";
import {
  type Caller,
  decide,
  LIFECYCLE,
  type MembershipOperation,
  type MembershipState,
} from "../../../src/users/domain/membership-lifecycle.ts";
import type { UserStatus } from "../../../src/users/domain/user.ts";

const membership = (status: MembershipStatus, pendingDowngrade = false): Membership => ({
  membership_user_id: "u1",
  membership_tier: "premium",
  membership_tier_version: "v1",
  membership_term: "MONTHLY",
  membership_status: status,
  membership_event_source: "user",
  membership_event_type: "ACTIVATE",
  membership_is_pending_downgrade: pendingDowngrade,
  membership_start_date: "2026-11-01T00:00:00.000Z",
});

type Allowed = [
  MembershipOperation,
  Caller,
  UserStatus,
  MembershipState,
  boolean,
  string,
  MembershipStatus | undefined,
  UserStatus | "previous" | undefined,
];
type Refused = [MembershipOperation, Caller, UserStatus, MembershipState, boolean, string];
const state = (user: UserStatus, m: MembershipState, pending = false) => ({
  userStatus: user,
  membership: m === "none" ? undefined : membership(m, pending),
});

describe("the membership lifecycle", () => {
  it.each<Allowed>([
    ["activate", "user", "PROCESSING", "none", false, "ACTIVATE", "SUB_ACTIVE", "ACTIVE"],
    ["upgrade", "user", "ACTIVE", "SUB_ACTIVE", false, "MEMBERSHIP_UPGRADE", "SUB_ACTIVE", undefined],
    ["downgrade", "operator", "ACTIVE", "", false, "MEMBERSHIP_DOWNGRADE", "", undefined],
    ["finalizeDowngrade", "service", "ACTIVE", "", true, "MEMBERSHIP_DOWNGRADE_FINALIZED", "", undefined],
    ["retractDowngrade", "user", "ACTIVE", "", true, "MEMBERSHIP_RETRACT", "", undefined],
    ["cancel", "user", "ACTIVE", "SUB_PAUSED", false, "CANCEL", "PENDING_CANCELLATION", undefined],
    ["retractCancellation", "user", "ACTIVE", "PENDING_CANCELLATION", false, "RETRACT", "", undefined],
    [
      "completeCancellation",
      "service",
      "ACTIVE",
      "PENDING_CANCELLATION",
      false,
      "CANCEL",
      "CANCELLED",
      "PAUSED",
    ],
    ["closeAccount", "user", "ACTIVE", "", false, "CLOSEACCOUNT", "CANCELLED", "PAUSED"],
    ["pause", "user", "ACTIVE", "", false, "SUB_PAUSED", "SUB_PENDING_PAUSE", undefined],
    [
      "pauseSkipped",
      "service",
      "ACTIVE",
      "SUB_PENDING_PAUSE",
      false,
      "PAUSE_COLLECTION_SKIPPED",
      "SUB_PAUSED",
      undefined,
    ],
    ["resume", "service", "ACTIVE", "SUB_PAUSED", false, "SUB_RESUMED", "", undefined],
    ["unpause", "user", "ACTIVE", "SUB_PAUSED", false, "UNPAUSE", "SUB_PENDING_RESUME", undefined],
    [
      "unpauseWithCharge",
      "user",
      "ACTIVE",
      "SUB_PENDING_PAUSE",
      false,
      "UNPAUSE_CHARGE",
      "SUB_RESUMED",
      undefined,
    ],
    ["reactivate", "user", "PAUSED", "CANCELLED", false, "MANUAL_REACTIVATION", "SUB_ACTIVE", "ACTIVE"],
    ["reactivate", "operator", "PAUSED", "CANCELLED", false, "REACTIVATE", "SUB_ACTIVE", "ACTIVE"],
    ["payNow", "user", "PAUSED", "PENDING_CANCELLATION", false, "PAYNOW", "PENDING_CANCELLATION", undefined],
    ["ban", "service", "ACTIVE", "SUB_ACTIVE", false, "BANNED", "CANCELLED", "BANNED"],
    ["unban", "operator", "BANNED", "CANCELLED", false, "MX_UNBLOCK", "CANCELLED", "PAUSED"],
    ["investigate", "operator", "ACTIVE", "", false, "INVESTIGATE", "", "INVESTIGATE"],
  ])(
    "%s by a %s (user %s, membership %j) writes %s",
    (op, caller, user, m, pending, eventType, to, userTo) => {
      const decision = decide(op, caller, state(user, m, pending));
      expect(decision).toEqual({
        ok: true,
        membershipStatus: to,
        eventType,
        ...(userTo ? { userStatus: userTo } : {}),
      });
    },
  );

  it("clears an investigation back to the status before it, writing no membership record", () => {
    expect(decide("clearInvestigation", "operator", state("INVESTIGATE", ""))).toEqual({
      ok: true,
      userStatus: "previous",
    });
  });

  it.each<Refused>([
    ["activate", "user", "ACTIVE", "SUB_ACTIVE", false, "cannot activate while the user is ACTIVE"],
    ["upgrade", "user", "ACTIVE", "SUB_PAUSED", false, "cannot upgrade while the membership is SUB_PAUSED"],
    ["upgrade", "user", "ACTIVE", "", true, "cannot upgrade while a downgrade is pending; retract it first"],
    [
      "finalizeDowngrade",
      "service",
      "ACTIVE",
      "",
      false,
      "cannot finalize downgrade: no downgrade is pending",
    ],
    ["cancel", "user", "ACTIVE", "CANCELLED", false, "cannot cancel while the membership is CANCELLED"],
    [
      "retractCancellation",
      "user",
      "ACTIVE",
      "",
      false,
      "cannot retract cancellation while the membership is in good standing",
    ],
    [
      "pause",
      "user",
      "ACTIVE",
      "SUB_PENDING_PAUSE",
      false,
      "cannot pause while the membership is SUB_PENDING_PAUSE",
    ],
    ["unpause", "user", "ACTIVE", "", false, "cannot unpause while the membership is in good standing"],
    ["reactivate", "user", "BANNED", "CANCELLED", false, "cannot reactivate while the user is BANNED"],
    ["payNow", "user", "ACTIVE", "CANCELLED", false, "cannot pay now while the membership is CANCELLED"],
    ["ban", "operator", "BANNED", "CANCELLED", false, "cannot ban while the user is BANNED"],
    ["unban", "operator", "ACTIVE", "", false, "cannot unban while the user is ACTIVE"],
    [
      "closeAccount",
      "user",
      "PAUSED",
      "CANCELLED",
      false,
      "cannot close account while the membership is CANCELLED",
    ],
  ])("refuses %s by a %s (user %s, membership %j): %s", (op, caller, user, m, pending, reason) => {
    expect(decide(op, caller, state(user, m, pending))).toEqual({ ok: false, forbidden: false, reason });
  });

  it.each<[MembershipOperation, Caller]>([
    ["ban", "user"],
    ["unban", "service"],
    ["investigate", "service"],
    ["finalizeDowngrade", "user"],
    ["pauseSkipped", "operator"],
  ])("refuses %s to a %s as forbidden", (op, caller) => {
    expect(decide(op, caller, state("ACTIVE", "")).ok).toBe(false);
    expect(decide(op, caller, state("ACTIVE", ""))).toMatchObject({ forbidden: true });
  });

  it("reaches every membership status and event type of seed 003", () => {
    const written = Object.values(LIFECYCLE).flatMap((rule) => [rule.membershipTo]);
    const reachable = new Set(
      Object.values(LIFECYCLE)
        .flatMap((rule) => rule.membershipFrom)
        .concat(written as never[]),
    );
    for (const status of MEMBERSHIP_STATUSES)
      expect(reachable, `status ${JSON.stringify(status)}`).toContain(status);
    const types = new Set(
      Object.values(LIFECYCLE).flatMap((rule) =>
        typeof rule.eventType === "function"
          ? [rule.eventType("user"), rule.eventType("operator")]
          : [rule.eventType],
      ),
    );
    for (const type of MEMBERSHIP_EVENT_TYPES) expect(types, type).toContain(type);
  });
});
