import { describe, expect, it } from "vitest";
import {
  BILLING_HISTORY_CHANGES,
  BILLING_HISTORY_CYCLES,
  WIRE_CYCLE_STATUSES,
  WIRE_FULFILMENT_CHANNELS,
} from "../../../src/contracts/subscriptions/subscriptions.http.ts";
import {
  SUBSCRIPTION_RECORD_STATUSES,
  SUBSCRIPTION_UPDATED_EVENTS,
} from "../../../src/contracts/subscriptions/subscriptions.message.ts";
import type { BillingCycle } from "../../../src/subscriptions/domain/billing-cycle.ts";
import {
  CYCLE_STATUSES,
  nextChargeAt,
  nextRecoveryStep,
  recoveryEndsAt,
} from "../../../src/subscriptions/domain/billing-cycle.ts";
import { addTerms } from "../../../src/subscriptions/domain/billing-period.ts";
import { LIFECYCLE_EVENTS } from "../../../src/subscriptions/domain/lifecycle-event.ts";
import { claimCycle } from "../../../src/subscriptions/domain/renewal.ts";
import { catalogStatusOf, membershipStatusOf } from "../../../src/subscriptions/domain/status-mapping.ts";
import type { Subscription } from "../../../src/subscriptions/domain/subscription.ts";
import {
  FULFILMENT_CHANNELS,
  SUBSCRIPTION_STATUSES,
} from "../../../src/subscriptions/domain/subscription.ts";
import { BILLING_HISTORY_LIMITS } from "../../../src/subscriptions/use-cases/operators/get-billing-history.query.ts";

const at = (iso: string) => new Date(iso);
const SUB: Subscription = {
  subscriptionId: "sub_1",
  userId: "auth0|ada",
  planId: "plus:v1:MONTHLY",
  status: "ACTIVE",
  tier: "plus",
  tierVersion: "v1",
  term: "MONTHLY",
  priceCents: 999,
  currency: "USD",
  paymentMethod: "DebitCard",
  fulfilment: { channel: "DIGITAL" },
  source: "membership",
  anchorAt: at("2027-01-31T12:00:00.000Z"),
  periodStart: at("2027-01-31T12:00:00.000Z"),
  periodEnd: at("2027-02-28T12:00:00.000Z"),
  createdAt: at("2027-01-31T12:00:00.000Z"),
  version: 1,
};
const cycle = (start: string, end: string): BillingCycle => ({
  cycleId: "cyc_2",
  subscriptionId: "sub_1",
  userId: "auth0|ada",
  periodStart: at(start),
  periodEnd: at(end),
  status: "SCHEDULED",
  attemptNo: 0,
  nextAttemptAt: at(start),
});

describe("the billing rules", () => {
  it("count months in the calendar from the anchor: Jan 31 -> Feb 28 -> Mar 31", () => {
    const anchor = at("2027-01-31T12:00:00.000Z");
    expect(addTerms(anchor, "MONTHLY", 1).toISOString()).toBe("2027-02-28T12:00:00.000Z");
    expect(addTerms(anchor, "MONTHLY", 2).toISOString()).toBe("2027-03-31T12:00:00.000Z");
    expect(addTerms(at("2028-02-29T00:00:00.000Z"), "ANNUAL", 1).toISOString()).toBe(
      "2029-02-28T00:00:00.000Z",
    );
  });

  it("retry a failed renewal 1, 3 and 7 days after the first failure, then grant 7 days of grace", () => {
    const first = at("2027-03-01T00:00:00.000Z");
    expect([1, 2, 3, 4].map((n) => nextRecoveryStep(first, n))).toEqual([
      { at: at("2027-03-02T00:00:00.000Z"), grace: false },
      { at: at("2027-03-04T00:00:00.000Z"), grace: false },
      { at: at("2027-03-08T00:00:00.000Z"), grace: false },
      { at: at("2027-03-15T00:00:00.000Z"), grace: true },
    ]);
  });

  it("skip a cycle due inside a pause without charging, and charge the first one after it", () => {
    const paused: Subscription = {
      ...SUB,
      pause: {
        pauseId: "pau_1",
        months: 1,
        firstSkippedPayment: "2027-02-28",
        state: "SCHEDULED",
        skipped: 0,
        requestedAt: at("2027-02-01T00:00:00.000Z"),
      },
    };
    const skip = claimCycle(
      cycle("2027-02-28T12:00:00.000Z", "2027-03-31T12:00:00.000Z"),
      paused,
      at("2027-02-28T13:00:00.000Z"),
    );
    expect(skip.charge).toBe(false);
    expect(skip.cycle.status).toBe("SKIPPED_PAUSED");
    expect(skip.effect.events.map((e) => e.kind)).toEqual(["pause-skipped"]);
    const after = skip.effect.subscriptions[0] as Subscription;
    expect(after.status).toBe("PAUSED");
    const resume = claimCycle(
      cycle("2027-03-31T12:00:00.000Z", "2027-04-30T12:00:00.000Z"),
      after,
      at("2027-03-31T13:00:00.000Z"),
    );
    expect(resume.charge).toBe(true);
    expect(resume.effect.events.map((e) => e.kind)).toEqual(["pause-resume"]);
    expect(resume.cycle).toMatchObject({ status: "PROCESSING", attemptNo: 1, amountCents: 999 });
  });

  it("bill a downgrade at the first renewal on or after its date, and not before", () => {
    const pending: Subscription = {
      ...SUB,
      pendingDowngrade: {
        tier: "basic",
        tierVersion: "v1",
        priceCents: 499,
        effective: at("2027-03-31T12:00:00.000Z"),
      },
    };
    const before = claimCycle(
      cycle("2027-02-28T12:00:00.000Z", "2027-03-31T12:00:00.000Z"),
      pending,
      at("2027-02-28T13:00:00.000Z"),
    );
    expect(before.cycle.amountCents).toBe(999);
    const at_ = claimCycle(
      cycle("2027-03-31T12:00:00.000Z", "2027-04-30T12:00:00.000Z"),
      pending,
      at("2027-03-31T13:00:00.000Z"),
    );
    expect(at_.cycle.amountCents).toBe(499);
    expect(at_.effect.followups?.map((f) => f.kind)).toEqual(["FINALIZE_DOWNGRADE"]);
  });

  it("name on the stream exactly the lifecycle events the domain makes (the contract cannot import the domain)", () => {
    expect([...SUBSCRIPTION_UPDATED_EVENTS]).toEqual([...LIFECYCLE_EVENTS]);
    expect([...SUBSCRIPTION_RECORD_STATUSES]).toEqual([...SUBSCRIPTION_STATUSES]);
  });

  it("answer operators the domain's cycle statuses and channels, within the contract's caps", () => {
    expect([...WIRE_CYCLE_STATUSES]).toEqual([...CYCLE_STATUSES]);
    expect([...WIRE_FULFILMENT_CHANNELS]).toEqual([...FULFILMENT_CHANNELS]);
    expect(BILLING_HISTORY_LIMITS).toEqual({
      cycles: BILLING_HISTORY_CYCLES,
      changes: BILLING_HISTORY_CHANGES,
    });
  });

  it("say when a cycle is charged next and when its recovery window ends, only while they apply", () => {
    const failed = at("2027-01-01T00:00:00.000Z");
    const due = at("2027-01-02T00:00:00.000Z");
    const cycle = (status: BillingCycle["status"], firstFailedAt?: Date) => ({
      status,
      nextAttemptAt: due,
      ...(firstFailedAt ? { firstFailedAt } : {}),
    });
    expect(nextChargeAt(cycle("SCHEDULED"))).toEqual(due);
    expect(nextChargeAt(cycle("RETRYING", failed))).toEqual(due);
    // A GRACE cycle's time is the window's end, not a charge.
    expect(nextChargeAt(cycle("GRACE", failed))).toBeUndefined();
    expect(nextChargeAt(cycle("PAID"))).toBeUndefined();
    const end = at("2027-01-15T00:00:00.000Z");
    expect(recoveryEndsAt(cycle("RETRYING", failed))).toEqual(end);
    expect(recoveryEndsAt(cycle("GRACE", failed))).toEqual(nextRecoveryStep(failed, 4).at);
    expect(recoveryEndsAt(cycle("PROCESSING", failed))).toEqual(end);
    expect(recoveryEndsAt(cycle("PROCESSING"))).toBeUndefined();
    expect(recoveryEndsAt(cycle("PAID", failed))).toBeUndefined();
    expect(recoveryEndsAt(cycle("FAILED", failed))).toBeUndefined();
  });

  it("map each status once for the User Service and for the catalogue", () => {
    expect(membershipStatusOf({ status: "PAST_DUE" })).toBe("ACTIVE");
    expect(membershipStatusOf({ status: "EXPIRED" })).toBe("CANCELLED");
    const pause = {
      pauseId: "p",
      months: 1,
      firstSkippedPayment: "2027-02-28",
      state: "SCHEDULED",
      skipped: 0,
    } as const;
    expect(membershipStatusOf({ status: "ACTIVE", pause: { ...pause, requestedAt: SUB.createdAt } })).toBe(
      "PAUSED",
    );
    expect(catalogStatusOf({ status: "PAST_DUE" })).toBe("pending");
    expect(catalogStatusOf({ status: "CANCELLED" })).toBe("canceled");
    expect(catalogStatusOf({ status: "PAUSED" })).toBe("active");
  });
});
