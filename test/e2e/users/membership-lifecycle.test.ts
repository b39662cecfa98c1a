import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MEMBERSHIP_EVENT_TYPES,
  MEMBERSHIP_STATUSES,
  type MembershipEventType,
  type MembershipStatus,
} from "../../../src/users/domain/membership.ts";
import {
  type Caller,
  LIFECYCLE,
  type MembershipOperation,
} from "../../../src/users/domain/membership-lifecycle.ts";
import { USER_STATUSES, type UserStatus } from "../../../src/users/domain/user.ts";
import { passBillingPeriod } from "../../suites/users/billing-period.ts";
import type { Json } from "../../support/json.ts";
import { attachTestCard } from "../../support/local-api.ts";
import { type LocalProcess, localToken, startLocalProcess } from "../../support/local-process.ts";

/**
 * Issue 4's "Done when": every allowed transition of the lifecycle table (LIFECYCLE,
 * src/users/domain/membership-lifecycle.table.ts) and at least one forbidden transition (409 naming the
 * current state) per operation, plus a forbidden caller (403) wherever the table restricts callers, walked
 * over HTTP against `node src/runtime/local/main.ts` (embedded stores, sandboxes, no network).
 *
 * Not walked: `pauseSkipped` (PAUSE_COLLECTION_SKIPPED) and `resume` (SUB_RESUMED): they have no route;
 * the subscription worker of issue 5 writes them (seed 004).
 */
const WORKER_ONLY: readonly MembershipOperation[] = ["pauseSkipped", "resume"];
/** Event types only the worker's operations write: PAUSE_COLLECTION_SKIPPED (pause skipped), SUB_RESUMED (resume). */
const WORKER_EVENT_TYPES: readonly MembershipEventType[] = ["PAUSE_COLLECTION_SKIPPED", "SUB_RESUMED"];
/**
 * Statuses only the worker's operations write: SUB_PAUSED (pause skipped). The worker's `resume` writes ""
 * too, but "" is reachable over HTTP (a retracted cancellation, RETRACT), so it is expected here.
 */
const WORKER_STATUSES: readonly MembershipStatus[] = ["SUB_PAUSED"];

const SERVICE = "billing";
const OPERATOR = "mx-kim";

const ROUTE = {
  activate: "POST /{user_id}/user/activate",
  upgrade: "POST /{user_id}/membership/upgrade",
  downgrade: "POST /{user_id}/membership/downgrade",
  finalize: "POST /{user_id}/membership/downgrade/finalize",
  /** A pending cancellation is retracted (RETRACT); otherwise a pending downgrade (MEMBERSHIP_RETRACT). */
  retract: "POST /{user_id}/membership/retract",
  cancel: "POST /{user_id}/membership/cancel",
  complete: "POST /{user_id}/membership/cancel/complete",
  close: "POST /{user_id}/membership/close-account",
  pause: "POST /{user_id}/membership/pause",
  /** `{ charge: false }`: UNPAUSE; `{ charge: true }`: UNPAUSE_CHARGE. */
  unpause: "POST /{user_id}/membership/unpause",
  reactivate: "POST /{user_id}/membership/reactivate",
  payNow: "POST /{user_id}/membership/paynow",
  ban: "POST /{user_id}/user/ban",
  unban: "POST /{user_id}/user/unban",
  investigate: "POST /{user_id}/user/investigate",
  clear: "POST /{user_id}/user/clear-investigation",
} as const;

/** "stranger": another user, who may never act on this user's records (403 for every operation). */
type As = Caller | "stranger";

interface Expect {
  readonly status: number;
  /** A refusal's problem `detail` contains this. A 409 naming the state says "while the user / membership is ...". */
  readonly detail?: string;
  /** The current membership afterwards ("none": GET /membership answers 404). */
  readonly membership_status?: MembershipStatus | "none";
  readonly membership_event_type?: MembershipEventType;
  readonly user_status?: UserStatus;
  /** More of the current membership record afterwards. */
  readonly record?: Json;
  /** The user's MEMBERSHIP_PAUSE_STATUS tag afterwards. */
  readonly pause_tag?: string;
}

interface Step {
  readonly operation: MembershipOperation;
  readonly as: As;
  readonly route: string;
  readonly body?: unknown;
  readonly expect: Expect;
}

/** The Subscription Service's billing cycle passing (see passBillingPeriod): the one step not over HTTP. */
const BILLING_CYCLE = { billingCycle: true } as const;

interface Walk {
  /** The Auth0 user id; substrings steer the sandboxes (src/users/README.md, "Sandboxes and their steering"). */
  readonly user: string;
  readonly about: string;
  readonly steps: readonly (Step | typeof BILLING_CYCLE)[];
}

const reason = { reason: "e2e" };

const WALKS: readonly Walk[] = [
  {
    user: "auth0|e2e-tiers",
    about: "activate, upgrade, downgrade, retract it, finalize one at the billing cycle, pay now",
    steps: [
      {
        operation: "upgrade",
        as: "user",
        route: ROUTE.upgrade,
        body: { membership_tier: "premium" },
        expect: { status: 409, detail: "cannot upgrade while the user is PROCESSING" },
      },
      {
        operation: "activate",
        as: "stranger",
        route: ROUTE.activate,
        expect: { status: 403, detail: "a user may act only on their own records" },
      },
      {
        operation: "activate",
        as: "user",
        route: ROUTE.activate,
        body: {},
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "ACTIVATE",
          user_status: "ACTIVE",
          record: { membership_tier: "plus", membership_tier_version: "v1", membership_term: "MONTHLY" },
        },
      },
      {
        operation: "activate",
        as: "service",
        route: ROUTE.activate,
        body: {},
        expect: { status: 409, detail: "cannot activate while the user is ACTIVE" },
      },
      {
        operation: "upgrade",
        as: "user",
        route: ROUTE.upgrade,
        body: { membership_tier: "premium" },
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "MEMBERSHIP_UPGRADE",
          user_status: "ACTIVE",
          record: { membership_tier: "premium", membership_tier_version: "v2" },
        },
      },
      {
        operation: "downgrade",
        as: "user",
        route: ROUTE.downgrade,
        body: { membership_tier: "plus" },
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "MEMBERSHIP_DOWNGRADE",
          record: {
            membership_tier: "premium",
            membership_is_pending_downgrade: true,
            membership_pending_tier: "plus",
          },
        },
      },
      {
        operation: "upgrade",
        as: "user",
        route: ROUTE.upgrade,
        body: { membership_tier: "premium" },
        expect: { status: 409, detail: "cannot upgrade while a downgrade is pending; retract it first" },
      },
      {
        operation: "downgrade",
        as: "user",
        route: ROUTE.downgrade,
        body: { membership_tier: "plus" },
        expect: { status: 409, detail: "cannot downgrade while a downgrade is pending" },
      },
      {
        operation: "finalizeDowngrade",
        as: "user",
        route: ROUTE.finalize,
        expect: { status: 403, detail: "a user may not finalize downgrade" },
      },
      {
        operation: "finalizeDowngrade",
        as: "service",
        route: ROUTE.finalize,
        expect: { status: 409, detail: "the Subscription Service still bills premium" },
      },
      {
        operation: "retractDowngrade",
        as: "user",
        route: ROUTE.retract,
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "MEMBERSHIP_RETRACT",
          record: { membership_tier: "premium", membership_is_pending_downgrade: false },
        },
      },
      {
        operation: "retractDowngrade",
        as: "user",
        route: ROUTE.retract,
        expect: { status: 409, detail: "cannot retract downgrade: no downgrade is pending" },
      },
      {
        operation: "finalizeDowngrade",
        as: "operator",
        route: ROUTE.finalize,
        expect: { status: 409, detail: "cannot finalize downgrade: no downgrade is pending" },
      },
      {
        operation: "downgrade",
        as: "service",
        route: ROUTE.downgrade,
        body: { membership_tier: "plus" },
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "MEMBERSHIP_DOWNGRADE",
          record: { membership_is_pending_downgrade: true, membership_event_source: `service:${SERVICE}` },
        },
      },
      // The renewal bills the lower tier, and the Subscription Service finalizes the downgrade itself.
      BILLING_CYCLE,
      {
        operation: "finalizeDowngrade",
        as: "service",
        route: ROUTE.finalize,
        expect: { status: 409, detail: "cannot finalize downgrade: no downgrade is pending" },
      },
      {
        operation: "payNow",
        as: "stranger",
        route: ROUTE.payNow,
        expect: { status: 403, detail: "a user may act only on their own records" },
      },
      {
        operation: "payNow",
        as: "user",
        route: ROUTE.payNow,
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "PAYNOW",
          record: { membership_tier: "plus" },
        },
      },
    ],
  },
  {
    user: "auth0|e2e-pause",
    about: "pause, unpause at the next cycle, unpause with a charge, pay now while paused",
    steps: [
      {
        operation: "activate",
        as: "service",
        route: ROUTE.activate,
        body: { membership_tier: "premium", membership_term: "ANNUAL" },
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "ACTIVATE",
          user_status: "ACTIVE",
          record: { membership_tier: "premium", membership_tier_version: "v2", membership_term: "ANNUAL" },
        },
      },
      {
        operation: "unpause",
        as: "user",
        route: ROUTE.unpause,
        body: { charge: false },
        expect: { status: 409, detail: "cannot unpause while the membership is SUB_ACTIVE" },
      },
      {
        operation: "unpauseWithCharge",
        as: "user",
        route: ROUTE.unpause,
        body: { charge: true },
        expect: { status: 409, detail: "cannot unpause with charge while the membership is SUB_ACTIVE" },
      },
      {
        operation: "pause",
        as: "user",
        route: ROUTE.pause,
        body: { membership_pause_duration_months: 4 },
        expect: { status: 400, detail: "must be from 1 to 3 (the pause maximum)" },
      },
      {
        operation: "pause",
        as: "stranger",
        route: ROUTE.pause,
        body: { membership_pause_duration_months: 2 },
        expect: { status: 403, detail: "a user may act only on their own records" },
      },
      {
        operation: "pause",
        as: "user",
        route: ROUTE.pause,
        body: { membership_pause_duration_months: 2 },
        expect: {
          status: 200,
          membership_status: "SUB_PENDING_PAUSE",
          membership_event_type: "SUB_PAUSED",
          user_status: "ACTIVE",
          record: { membership_pause_duration_months: 2 },
          pause_tag: "SUB_PENDING_PAUSE",
        },
      },
      {
        operation: "pause",
        as: "user",
        route: ROUTE.pause,
        body: { membership_pause_duration_months: 1 },
        expect: { status: 409, detail: "cannot pause while the membership is SUB_PENDING_PAUSE" },
      },
      {
        operation: "downgrade",
        as: "user",
        route: ROUTE.downgrade,
        body: { membership_tier: "plus" },
        expect: { status: 409, detail: "cannot downgrade while the membership is SUB_PENDING_PAUSE" },
      },
      {
        operation: "unpause",
        as: "user",
        route: ROUTE.unpause,
        body: { charge: false },
        expect: {
          status: 200,
          membership_status: "SUB_PENDING_RESUME",
          membership_event_type: "UNPAUSE",
          user_status: "ACTIVE",
          pause_tag: "SUB_PENDING_RESUME",
        },
      },
      {
        operation: "unpause",
        as: "user",
        route: ROUTE.unpause,
        body: { charge: false },
        expect: { status: 409, detail: "cannot unpause while the membership is SUB_PENDING_RESUME" },
      },
      {
        operation: "payNow",
        as: "service",
        route: ROUTE.payNow,
        expect: { status: 200, membership_status: "SUB_PENDING_RESUME", membership_event_type: "PAYNOW" },
      },
      {
        operation: "unpauseWithCharge",
        as: "user",
        route: ROUTE.unpause,
        body: { charge: true },
        expect: {
          status: 200,
          membership_status: "SUB_RESUMED",
          membership_event_type: "UNPAUSE_CHARGE",
          user_status: "ACTIVE",
          pause_tag: "SUB_RESUMED",
        },
      },
      {
        operation: "unpauseWithCharge",
        as: "user",
        route: ROUTE.unpause,
        body: { charge: true },
        expect: { status: 409, detail: "cannot unpause with charge while the membership is SUB_RESUMED" },
      },
      {
        operation: "pause",
        as: "operator",
        route: ROUTE.pause,
        body: { membership_pause_duration_months: 1 },
        expect: {
          status: 200,
          membership_status: "SUB_PENDING_PAUSE",
          membership_event_type: "SUB_PAUSED",
          record: { membership_pause_duration_months: 1, membership_event_source: `operator:${OPERATOR}` },
          pause_tag: "SUB_PENDING_PAUSE",
        },
      },
      {
        operation: "unpauseWithCharge",
        as: "service",
        route: ROUTE.unpause,
        body: { charge: true },
        expect: {
          status: 200,
          membership_status: "SUB_RESUMED",
          membership_event_type: "UNPAUSE_CHARGE",
          pause_tag: "SUB_RESUMED",
        },
      },
    ],
  },
  {
    user: "auth0|e2e-cancel",
    about: "cancel, retract the cancellation, cancel again, complete it, reactivate as the user",
    steps: [
      {
        operation: "activate",
        as: "user",
        route: ROUTE.activate,
        expect: { status: 200, membership_status: "SUB_ACTIVE", user_status: "ACTIVE" },
      },
      {
        operation: "cancel",
        as: "stranger",
        route: ROUTE.cancel,
        body: reason,
        expect: { status: 403, detail: "a user may act only on their own records" },
      },
      {
        operation: "cancel",
        as: "user",
        route: ROUTE.cancel,
        body: reason,
        expect: {
          status: 200,
          membership_status: "PENDING_CANCELLATION",
          membership_event_type: "CANCEL",
          user_status: "ACTIVE",
        },
      },
      {
        operation: "cancel",
        as: "user",
        route: ROUTE.cancel,
        body: reason,
        expect: { status: 409, detail: "cannot cancel while the membership is PENDING_CANCELLATION" },
      },
      {
        operation: "completeCancellation",
        as: "user",
        route: ROUTE.complete,
        expect: { status: 403, detail: "a user may not complete cancellation" },
      },
      {
        operation: "retractCancellation",
        as: "user",
        route: ROUTE.retract,
        expect: {
          status: 200,
          membership_status: "",
          membership_event_type: "RETRACT",
          user_status: "ACTIVE",
        },
      },
      {
        operation: "completeCancellation",
        as: "service",
        route: ROUTE.complete,
        expect: {
          status: 409,
          detail: "cannot complete cancellation while the membership is in good standing",
        },
      },
      {
        operation: "upgrade",
        as: "operator",
        route: ROUTE.upgrade,
        body: { membership_tier: "premium" },
        expect: {
          status: 200,
          membership_status: "",
          membership_event_type: "MEMBERSHIP_UPGRADE",
          record: { membership_tier: "premium" },
        },
      },
      {
        operation: "cancel",
        as: "service",
        route: ROUTE.cancel,
        body: reason,
        expect: { status: 200, membership_status: "PENDING_CANCELLATION", membership_event_type: "CANCEL" },
      },
      {
        operation: "payNow",
        as: "user",
        route: ROUTE.payNow,
        expect: { status: 200, membership_status: "PENDING_CANCELLATION", membership_event_type: "PAYNOW" },
      },
      {
        operation: "completeCancellation",
        as: "operator",
        route: ROUTE.complete,
        expect: {
          status: 200,
          membership_status: "CANCELLED",
          membership_event_type: "CANCEL",
          user_status: "PAUSED",
        },
      },
      {
        operation: "payNow",
        as: "user",
        route: ROUTE.payNow,
        expect: { status: 409, detail: "cannot pay now while the membership is CANCELLED" },
      },
      {
        // The cancellation has taken effect: the route answers for the cancellation, naming the user's state.
        operation: "retractCancellation",
        as: "user",
        route: ROUTE.retract,
        expect: { status: 409, detail: "while the user is PAUSED" },
      },
      {
        operation: "finalizeDowngrade",
        as: "service",
        route: ROUTE.finalize,
        expect: { status: 409, detail: "cannot finalize downgrade while the user is PAUSED" },
      },
      {
        operation: "closeAccount",
        as: "user",
        route: ROUTE.close,
        body: reason,
        expect: { status: 409, detail: "cannot close account while the membership is CANCELLED" },
      },
      {
        operation: "reactivate",
        as: "stranger",
        route: ROUTE.reactivate,
        expect: { status: 403, detail: "a user may act only on their own records" },
      },
      {
        operation: "reactivate",
        as: "user",
        route: ROUTE.reactivate,
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "MANUAL_REACTIVATION",
          user_status: "ACTIVE",
          record: {
            membership_tier: "premium",
            membership_tier_version: "v2",
            membership_event_source: "user",
          },
        },
      },
      {
        operation: "reactivate",
        as: "user",
        route: ROUTE.reactivate,
        expect: { status: 409, detail: "cannot reactivate while the user is ACTIVE" },
      },
    ],
  },
  {
    user: "auth0|e2e-mx",
    about: "investigate and clear, ban and unban, reactivate by an operator",
    steps: [
      {
        operation: "activate",
        as: "operator",
        route: ROUTE.activate,
        expect: { status: 200, membership_status: "SUB_ACTIVE", user_status: "ACTIVE" },
      },
      {
        operation: "investigate",
        as: "service",
        route: ROUTE.investigate,
        body: reason,
        expect: { status: 403, detail: "a service may not investigate" },
      },
      {
        operation: "investigate",
        as: "user",
        route: ROUTE.investigate,
        body: reason,
        expect: { status: 403, detail: "a user may not investigate" },
      },
      {
        operation: "investigate",
        as: "operator",
        route: ROUTE.investigate,
        body: reason,
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "INVESTIGATE",
          user_status: "INVESTIGATE",
        },
      },
      {
        operation: "investigate",
        as: "operator",
        route: ROUTE.investigate,
        body: reason,
        expect: { status: 409, detail: "cannot investigate while the user is INVESTIGATE" },
      },
      {
        operation: "pause",
        as: "user",
        route: ROUTE.pause,
        body: { membership_pause_duration_months: 1 },
        expect: { status: 409, detail: "cannot pause while the user is INVESTIGATE" },
      },
      {
        operation: "clearInvestigation",
        as: "service",
        route: ROUTE.clear,
        expect: { status: 403, detail: "a service may not clear investigation" },
      },
      {
        // No record: the membership is as the investigation left it; the user is back to ACTIVE.
        operation: "clearInvestigation",
        as: "operator",
        route: ROUTE.clear,
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "INVESTIGATE",
          user_status: "ACTIVE",
        },
      },
      {
        operation: "clearInvestigation",
        as: "operator",
        route: ROUTE.clear,
        expect: { status: 409, detail: "cannot clear investigation while the user is ACTIVE" },
      },
      {
        operation: "ban",
        as: "user",
        route: ROUTE.ban,
        body: reason,
        expect: { status: 403, detail: "a user may not ban" },
      },
      {
        operation: "ban",
        as: "service",
        route: ROUTE.ban,
        body: reason,
        expect: {
          status: 200,
          membership_status: "CANCELLED",
          membership_event_type: "BANNED",
          user_status: "BANNED",
        },
      },
      {
        operation: "ban",
        as: "operator",
        route: ROUTE.ban,
        body: reason,
        expect: { status: 409, detail: "cannot ban while the user is BANNED" },
      },
      {
        // The ban ended the membership (CANCELLED): the route answers for the cancellation.
        operation: "retractCancellation",
        as: "service",
        route: ROUTE.retract,
        expect: { status: 409, detail: "cannot retract cancellation while the user is BANNED" },
      },
      {
        operation: "reactivate",
        as: "operator",
        route: ROUTE.reactivate,
        expect: { status: 409, detail: "cannot reactivate while the user is BANNED" },
      },
      {
        operation: "unban",
        as: "service",
        route: ROUTE.unban,
        expect: { status: 403, detail: "a service may not unban" },
      },
      {
        operation: "unban",
        as: "operator",
        route: ROUTE.unban,
        expect: {
          status: 200,
          membership_status: "CANCELLED",
          membership_event_type: "MX_UNBLOCK",
          user_status: "PAUSED",
        },
      },
      {
        operation: "unban",
        as: "operator",
        route: ROUTE.unban,
        expect: { status: 409, detail: "cannot unban while the user is PAUSED" },
      },
      {
        operation: "investigate",
        as: "operator",
        route: ROUTE.investigate,
        body: reason,
        expect: { status: 200, membership_status: "CANCELLED", user_status: "INVESTIGATE" },
      },
      {
        // Back to the status before the investigation: PAUSED, not ACTIVE.
        operation: "clearInvestigation",
        as: "operator",
        route: ROUTE.clear,
        expect: { status: 200, membership_status: "CANCELLED", user_status: "PAUSED" },
      },
      {
        operation: "reactivate",
        as: "operator",
        route: ROUTE.reactivate,
        expect: {
          status: 200,
          membership_status: "SUB_ACTIVE",
          membership_event_type: "REACTIVATE",
          user_status: "ACTIVE",
          record: { membership_event_source: `operator:${OPERATOR}` },
        },
      },
    ],
  },
  {
    user: "auth0|e2e-close",
    about: "close an account, and repeat the closure",
    steps: [
      {
        operation: "activate",
        as: "user",
        route: ROUTE.activate,
        expect: { status: 200, membership_status: "SUB_ACTIVE", user_status: "ACTIVE" },
      },
      {
        operation: "closeAccount",
        as: "stranger",
        route: ROUTE.close,
        body: reason,
        expect: { status: 403, detail: "a user may act only on their own records" },
      },
      {
        operation: "closeAccount",
        as: "user",
        route: ROUTE.close,
        body: reason,
        expect: {
          status: 200,
          membership_status: "CANCELLED",
          membership_event_type: "CLOSEACCOUNT",
          user_status: "PAUSED",
        },
      },
      {
        // A repeat finds the closure and queues the cleanup again: the same record, nothing new written.
        operation: "closeAccount",
        as: "user",
        route: ROUTE.close,
        body: reason,
        expect: {
          status: 200,
          membership_status: "CANCELLED",
          membership_event_type: "CLOSEACCOUNT",
          user_status: "PAUSED",
        },
      },
      {
        operation: "cancel",
        as: "user",
        route: ROUTE.cancel,
        body: reason,
        expect: { status: 409, detail: "cannot cancel while the user is PAUSED" },
      },
    ],
  },
  {
    user: "auth0|e2e-never-activated",
    about: "close an account that never had a membership, then try to activate it",
    steps: [
      {
        operation: "retractDowngrade",
        as: "user",
        route: ROUTE.retract,
        expect: { status: 409, detail: "cannot retract downgrade while the user is PROCESSING" },
      },
      {
        operation: "closeAccount",
        as: "user",
        route: ROUTE.close,
        body: reason,
        expect: { status: 204, membership_status: "none", user_status: "PAUSED" },
      },
      {
        operation: "activate",
        as: "user",
        route: ROUTE.activate,
        expect: { status: 409, detail: "cannot activate while the user is PAUSED" },
      },
      {
        operation: "reactivate",
        as: "user",
        route: ROUTE.reactivate,
        expect: { status: 409, detail: "cannot reactivate while the membership is not yet started" },
      },
    ],
  },
  {
    user: "auth0|e2e-float-owes",
    about: "an outstanding float balance refuses a cancellation and a closure (steered by the id)",
    steps: [
      {
        operation: "activate",
        as: "user",
        route: ROUTE.activate,
        expect: { status: 200, membership_status: "SUB_ACTIVE", user_status: "ACTIVE" },
      },
      {
        operation: "cancel",
        as: "user",
        route: ROUTE.cancel,
        body: reason,
        expect: {
          status: 409,
          detail: "cannot cancel while 25.00 USD (2500 cents) of floats is outstanding",
        },
      },
      {
        operation: "closeAccount",
        as: "user",
        route: ROUTE.close,
        body: reason,
        expect: { status: 409, detail: "cannot close the account while 25.00 USD (2500 cents) of floats" },
      },
    ],
  },
  {
    user: "auth0|e2e-card-declines",
    about: "a declined card refuses an upgrade and writes nothing (steered by the id)",
    steps: [
      {
        operation: "activate",
        as: "user",
        route: ROUTE.activate,
        expect: { status: 200, membership_status: "SUB_ACTIVE", user_status: "ACTIVE" },
      },
      {
        operation: "upgrade",
        as: "user",
        route: ROUTE.upgrade,
        body: { membership_tier: "premium" },
        expect: { status: 422, detail: "the payment was declined by the card issuer" },
      },
    ],
  },
];

/** Every walk's timeline is checked at the end; this one's is also spelled out, record by record. */
const TIMELINE_USER = "auth0|e2e-cancel";

const dataDir = mkdtempSync(join(tmpdir(), "roster-e2e-lifecycle-"));
// Run as root, PostgreSQL runs as the OS user "postgres", which must be able to enter the folder.
chmodSync(dataDir, 0o755);
const env = { ...process.env, ROSTER_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "DEBUG" };

let local: LocalProcess;
/** Tokens by "service", "operator" or a user id. */
const tokens = new Map<string, string>();
const stranger = "auth0|e2e-stranger";

/** What the run showed, collected as it goes. */
const seen = {
  eventTypes: new Set<string>(),
  statuses: new Set<string>(),
  userStatuses: new Set<string>(),
  allowed: new Set<MembershipOperation>(),
  /** Operations refused with a 409 naming the user's or the membership's state. */
  refused: new Set<MembershipOperation>(),
  /** Operations refused with a 403 to a kind of caller the table does not list. */
  forbiddenCaller: new Set<MembershipOperation>(),
  /** Every record written, oldest first, per user. */
  written: new Map<string, Json[]>(),
};

const path = (user: string) => `/${encodeURIComponent(user)}`;

async function call(method: string, url: string, token: string, body?: unknown): Promise<Response> {
  return fetch(`${local.base}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

interface Snapshot {
  readonly user: Json;
  readonly membership: Json | undefined;
}

/** The user and the current membership, as a service reads them. */
async function snapshot(user: string): Promise<Snapshot> {
  const service = tokens.get("service") as string;
  const [u, m] = await Promise.all([
    call("GET", `${path(user)}/user`, service),
    call("GET", `${path(user)}/membership`, service),
  ]);
  expect(u.status, `GET ${user}/user`).toBe(200);
  expect([200, 404], `GET ${user}/membership`).toContain(m.status);
  return { user: await u.json(), membership: m.status === 200 ? await m.json() : undefined };
}

function tokenFor(as: As, user: string): string {
  const token = tokens.get(as === "user" ? user : as === "stranger" ? stranger : as);
  if (!token) throw new Error(`no token for ${as}`);
  return token;
}

async function runStep(user: string, step: Step, before: Snapshot, label: string): Promise<Snapshot> {
  const [method = "", route = ""] = step.route.split(" ");
  const res = await call(
    method,
    route.replace("{user_id}", encodeURIComponent(user)),
    tokenFor(step.as, user),
    step.body,
  );
  const answer: Json = res.status === 204 ? undefined : await res.json();
  expect(res.status, `${label} answered ${JSON.stringify(answer)}`).toBe(step.expect.status);
  const after = await snapshot(user);
  const { expect: want } = step;

  if (res.status >= 400) {
    expect(answer.detail, label).toContain(want.detail ?? "");
    expect(after, `${label}: a refusal writes nothing`).toEqual(before);
    if (res.status === 409 && / while the (user|membership) is /.test(answer.detail))
      seen.refused.add(step.operation);
    if (
      res.status === 403 &&
      step.as !== "stranger" &&
      !LIFECYCLE[step.operation].callers.includes(step.as)
    ) {
      seen.forbiddenCaller.add(step.operation);
    }
    return after;
  }

  seen.allowed.add(step.operation);
  // The answer is the new membership record, or the user's new version (ban, unban, investigate, clear).
  if (answer?.membership_user_id !== undefined)
    expect(answer, `${label}: the answer is the current record`).toEqual(after.membership);
  if (answer?.user_id !== undefined) expect(answer.user_status, label).toBe(after.user.user_status);
  if (want.membership_status === "none") expect(after.membership, label).toBeUndefined();
  else if (want.membership_status !== undefined) {
    expect(after.membership?.membership_status, label).toBe(want.membership_status);
  }
  if (want.membership_event_type) {
    expect(after.membership?.membership_event_type, label).toBe(want.membership_event_type);
  }
  if (want.user_status) expect(after.user.user_status, label).toBe(want.user_status);
  if (want.record) expect(after.membership, label).toMatchObject(want.record);
  if (want.pause_tag) {
    expect(after.user.tags.MEMBERSHIP_PAUSE_STATUS, label).toMatchObject({
      tag_value: want.pause_tag,
      tag_archived: false,
    });
  }

  const fresh = after.membership?.membership_start_date !== before.membership?.membership_start_date;
  if (after.membership && fresh) {
    seen.written.get(user)?.push(after.membership);
    seen.eventTypes.add(after.membership.membership_event_type);
    seen.statuses.add(after.membership.membership_status);
  }
  seen.userStatuses.add(after.user.user_status);
  return after;
}

/** Every caller's token, minted (again) at the local process's time. */
async function mintTokens(): Promise<void> {
  const kinds: [string, string[]][] = [
    ["service", ["--service", SERVICE]],
    ["operator", ["--operator", OPERATOR]],
    [stranger, ["--user", stranger, "--mfa"]],
    ...WALKS.map((w): [string, string[]] => [w.user, ["--user", w.user, "--mfa"]]),
  ];
  const minted = await Promise.all(kinds.map(([, args]) => localToken(env, ...args)));
  for (const [i, [name]] of kinds.entries()) tokens.set(name, minted[i] as string);
}

describe("the membership lifecycle over HTTP on the local runtime", () => {
  beforeAll(async () => {
    local = await startLocalProcess(env);
    await mintTokens();
    for (const { user } of WALKS) {
      const name = user.slice("auth0|".length);
      const created = await call("POST", "/users/create", tokenFor("user", user), {
        user_email: `${name}@example.com`,
      });
      expect(created.status, `sign-up of ${user}`).toBe(201);
      seen.userStatuses.add(((await created.json()) as Json).user_status);
      // The member's app attaches a debit card at the Payment Service, which activation asks for.
      await attachTestCard(call, user, tokenFor("user", user));
      seen.written.set(user, []);
    }
  });

  afterAll(async () => {
    if (local) {
      local.child.kill("SIGTERM");
      await local.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(WALKS.map((walk) => [walk.user, walk.about, walk] as const))(
    "%s: %s",
    async (user, _about, walk) => {
      let state = await snapshot(user);
      for (const [i, entry] of walk.steps.entries()) {
        if ("billingCycle" in entry) {
          const passed = await passBillingPeriod(env, local?.base as string, user, local?.output);
          // A month passed: the tokens minted before expired, as a client's would (minted again before
          // anything is asserted, so that one failure does not make every later call a 401).
          await mintTokens();
          const billed = passed.period.tier === "plus" ? "" : `\n${await passed.explain()}`;
          expect(
            passed.period.tier,
            `the Subscription Service bills the pending tier after the cycle${billed}`,
          ).toBe("plus");
          const after = await snapshot(user);
          expect(after.membership, "finalized by billing").toMatchObject({
            membership_event_type: "MEMBERSHIP_DOWNGRADE_FINALIZED",
            membership_event_source: "service:subscription-service",
            membership_tier: "plus",
            membership_tier_version: "v1",
            membership_is_pending_downgrade: false,
          });
          if (after.membership) {
            seen.written.get(user)?.push(after.membership);
            seen.eventTypes.add(after.membership.membership_event_type);
            seen.statuses.add(after.membership.membership_status);
          }
          seen.allowed.add("finalizeDowngrade");
          state = after;
          continue;
        }
        const label = `${user} step ${i + 1} (${entry.operation} as ${entry.as}: ${entry.route})`;
        state = await runStep(user, entry, state, label);
      }
    },
  );

  // Runs after the walks (a file's tests run in order) and reads what they collected.
  it("shows each timeline in order, and every transition, status and event type the API can reach", async () => {
    for (const { user } of WALKS) {
      const res = await call("GET", `${path(user)}/memberships?limit=100`, tokenFor("user", user));
      expect(res.status).toBe(200);
      const page: Json = await res.json();
      expect(page.next_cursor).toBeUndefined();
      const oldestFirst = [...page.items].reverse();
      expect(oldestFirst, `the timeline of ${user}`).toEqual(seen.written.get(user));
    }
    const timeline = (seen.written.get(TIMELINE_USER) ?? []).map((m) => [
      m.membership_event_type,
      m.membership_status,
    ]);
    expect(timeline).toEqual([
      ["ACTIVATE", "SUB_ACTIVE"],
      ["CANCEL", "PENDING_CANCELLATION"],
      ["RETRACT", ""],
      ["MEMBERSHIP_UPGRADE", ""],
      ["CANCEL", "PENDING_CANCELLATION"],
      ["PAYNOW", "PENDING_CANCELLATION"],
      ["CANCEL", "CANCELLED"],
      ["MANUAL_REACTIVATION", "SUB_ACTIVE"],
    ]);

    // Every operation with a route: allowed at least once, refused naming the state at least once, and
    // refused (403) to a kind of caller the table does not list, wherever it restricts callers.
    const operations = (Object.keys(LIFECYCLE) as MembershipOperation[]).filter(
      (op) => !WORKER_ONLY.includes(op),
    );
    const gaps = operations.flatMap((op) => [
      ...(seen.allowed.has(op) ? [] : [`${op}: no allowed transition walked`]),
      ...(seen.refused.has(op) ? [] : [`${op}: no forbidden transition walked`]),
      ...(LIFECYCLE[op].callers.length < 3 && !seen.forbiddenCaller.has(op)
        ? [`${op}: no forbidden caller`]
        : []),
    ]);
    expect(gaps).toEqual([]);

    const sorted = (values: Iterable<string>) => [...values].sort();
    expect(sorted(seen.eventTypes)).toEqual(
      sorted(MEMBERSHIP_EVENT_TYPES.filter((t) => !WORKER_EVENT_TYPES.includes(t))),
    );
    expect(sorted(seen.statuses)).toEqual(
      sorted(MEMBERSHIP_STATUSES.filter((s) => !WORKER_STATUSES.includes(s))),
    );
    expect(sorted(seen.userStatuses)).toEqual(sorted(USER_STATUSES));
  });
});
