import type { MembershipEventType, MembershipStatus } from "./membership.ts";
import type { UserStatus } from "./user.ts";

/** Who may call an operation (the principal kinds of the API). */
export type Caller = "user" | "service" | "operator";

export type MembershipOperation =
  | "activate"
  | "upgrade"
  | "downgrade"
  | "finalizeDowngrade"
  | "retractDowngrade"
  | "cancel"
  | "retractCancellation"
  | "completeCancellation"
  | "closeAccount"
  | "pause"
  | "pauseSkipped"
  | "resume"
  | "unpause"
  | "unpauseWithCharge"
  | "reactivate"
  | "payNow"
  | "ban"
  | "unban"
  | "investigate"
  | "clearInvestigation";

/** "none": the user has no membership yet. */
export type MembershipState = MembershipStatus | "none";

export interface LifecycleRule {
  readonly callers: readonly Caller[];
  readonly userFrom: readonly UserStatus[];
  readonly membershipFrom: readonly MembershipState[];
  /** Status of the record written; "same" keeps the current one; undefined writes no record. */
  readonly membershipTo?: MembershipStatus | "same";
  /** "previous": the status before the investigation; undefined leaves the user's status alone. */
  readonly userTo?: UserStatus | "previous";
  readonly eventType?: MembershipEventType | ((caller: Caller) => MembershipEventType);
  readonly pendingDowngrade?: "required" | "refused";
}

const billing: readonly MembershipState[] = ["", "SUB_ACTIVE", "SUB_RESUMED"];
const paused: readonly MembershipState[] = ["SUB_PENDING_PAUSE", "SUB_PAUSED"];
const live: readonly MembershipState[] = [...billing, ...paused, "SUB_PENDING_RESUME"];
const anyMembership: readonly MembershipState[] = ["none", ...live, "PENDING_CANCELLATION", "CANCELLED"];
const self: readonly Caller[] = ["user", "service", "operator"];
const staff: readonly Caller[] = ["service", "operator"];

/**
 * The two state machines (user status; membership status with its event types) as data. The User
 * Service's README shows this table (generated from it by `npm run docs`) next to the external calls and
 * compensations of each operation.
 */
export const LIFECYCLE: Readonly<Record<MembershipOperation, LifecycleRule>> = {
  // The Subscription Service has activated the subscription: SUB_ACTIVE, billing like good standing.
  activate: {
    callers: self,
    userFrom: ["PROCESSING"],
    membershipFrom: ["none"],
    membershipTo: "SUB_ACTIVE",
    userTo: "ACTIVE",
    eventType: "ACTIVATE",
  },
  upgrade: {
    callers: self,
    userFrom: ["ACTIVE"],
    membershipFrom: billing,
    membershipTo: "same",
    eventType: "MEMBERSHIP_UPGRADE",
    pendingDowngrade: "refused",
  },
  downgrade: {
    callers: self,
    userFrom: ["ACTIVE"],
    membershipFrom: billing,
    membershipTo: "same",
    eventType: "MEMBERSHIP_DOWNGRADE",
    pendingDowngrade: "refused",
  },
  finalizeDowngrade: {
    callers: staff,
    userFrom: ["ACTIVE", "INVESTIGATE"],
    membershipFrom: live,
    membershipTo: "same",
    eventType: "MEMBERSHIP_DOWNGRADE_FINALIZED",
    pendingDowngrade: "required",
  },
  retractDowngrade: {
    callers: self,
    userFrom: ["ACTIVE", "INVESTIGATE"],
    membershipFrom: live,
    membershipTo: "same",
    eventType: "MEMBERSHIP_RETRACT",
    pendingDowngrade: "required",
  },
  cancel: {
    callers: self,
    userFrom: ["ACTIVE", "INVESTIGATE"],
    membershipFrom: live,
    membershipTo: "PENDING_CANCELLATION",
    eventType: "CANCEL",
  },
  retractCancellation: {
    callers: self,
    userFrom: ["ACTIVE", "INVESTIGATE"],
    membershipFrom: ["PENDING_CANCELLATION"],
    membershipTo: "",
    eventType: "RETRACT",
  },
  completeCancellation: {
    callers: staff,
    userFrom: ["ACTIVE", "INVESTIGATE", "PAUSED"],
    membershipFrom: ["PENDING_CANCELLATION"],
    membershipTo: "CANCELLED",
    userTo: "PAUSED",
    eventType: "CANCEL",
  },
  closeAccount: {
    callers: self,
    userFrom: ["PROCESSING", "ACTIVE", "PAUSED", "INVESTIGATE"],
    membershipFrom: [...live, "PENDING_CANCELLATION", "none"],
    membershipTo: "CANCELLED",
    userTo: "PAUSED",
    eventType: "CLOSEACCOUNT",
  },
  pause: {
    callers: self,
    userFrom: ["ACTIVE"],
    membershipFrom: billing,
    membershipTo: "SUB_PENDING_PAUSE",
    eventType: "SUB_PAUSED",
  },
  pauseSkipped: {
    callers: ["service"],
    userFrom: ["ACTIVE", "INVESTIGATE", "PAUSED"],
    membershipFrom: ["SUB_PENDING_PAUSE"],
    membershipTo: "SUB_PAUSED",
    eventType: "PAUSE_COLLECTION_SKIPPED",
  },
  resume: {
    callers: ["service"],
    userFrom: ["ACTIVE", "INVESTIGATE", "PAUSED"],
    membershipFrom: [...paused, "SUB_PENDING_RESUME"],
    membershipTo: "",
    eventType: "SUB_RESUMED",
  },
  unpause: {
    callers: self,
    userFrom: ["ACTIVE", "INVESTIGATE"],
    membershipFrom: paused,
    membershipTo: "SUB_PENDING_RESUME",
    eventType: "UNPAUSE",
  },
  unpauseWithCharge: {
    callers: self,
    userFrom: ["ACTIVE", "INVESTIGATE"],
    membershipFrom: [...paused, "SUB_PENDING_RESUME"],
    membershipTo: "SUB_RESUMED",
    eventType: "UNPAUSE_CHARGE",
  },
  reactivate: {
    callers: self,
    userFrom: ["PAUSED"],
    membershipFrom: ["CANCELLED"],
    membershipTo: "SUB_ACTIVE",
    userTo: "ACTIVE",
    eventType: (caller) => (caller === "user" ? "MANUAL_REACTIVATION" : "REACTIVATE"),
  },
  payNow: {
    callers: self,
    userFrom: ["ACTIVE", "PAUSED", "INVESTIGATE"],
    membershipFrom: [...live, "PENDING_CANCELLATION"],
    membershipTo: "same",
    eventType: "PAYNOW",
  },
  ban: {
    callers: staff,
    userFrom: ["PROCESSING", "ACTIVE", "PAUSED", "INVESTIGATE"],
    membershipFrom: anyMembership,
    membershipTo: "CANCELLED",
    userTo: "BANNED",
    eventType: "BANNED",
  },
  unban: {
    callers: ["operator"],
    userFrom: ["BANNED"],
    membershipFrom: anyMembership,
    membershipTo: "same",
    userTo: "PAUSED",
    eventType: "MX_UNBLOCK",
  },
  investigate: {
    callers: ["operator"],
    userFrom: ["PROCESSING", "ACTIVE", "PAUSED"],
    membershipFrom: anyMembership,
    membershipTo: "same",
    userTo: "INVESTIGATE",
    eventType: "INVESTIGATE",
  },
  clearInvestigation: {
    callers: ["operator"],
    userFrom: ["INVESTIGATE"],
    membershipFrom: anyMembership,
    userTo: "previous",
  },
};
