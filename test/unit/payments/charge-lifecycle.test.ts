import { describe, expect, it } from "vitest";
import { CHARGE_STATUSES, type ChargeStatus } from "../../../src/payments/domain/charge.ts";
import {
  CHARGE_TRANSITIONS,
  type ChargeEvent,
  decideCharge,
} from "../../../src/payments/domain/charge-lifecycle.ts";
import { chargeEventFor, type DisputeEvent, supersedes } from "../../../src/payments/domain/dispute.ts";

const state = (status: ChargeStatus, refundedCents = 0) => ({ status, amountCents: 1000, refundedCents });

describe("the charge's state machine", () => {
  it.each<[ChargeEvent, ChargeStatus, ChargeStatus]>([
    ["confirm", "INITIATED", "CONFIRMED"],
    ["confirm", "PENDING", "CONFIRMED"],
    ["hold", "INITIATED", "PENDING"],
    ["fail", "INITIATED", "FAILED"],
    ["fail", "PENDING", "FAILED"],
    ["chargeBack", "CONFIRMED", "CHARGED_BACK"],
    ["chargeBack", "REFUNDED", "CHARGED_BACK"],
    ["reinstate", "CHARGED_BACK", "CONFIRMED"],
  ])("lets %s move a %s charge to %s", (event, from, to) => {
    expect(decideCharge(event, state(from))).toEqual({ ok: true, status: to, refundedCents: 0 });
  });

  it("refuses every event from a status it does not start from, naming the current status", () => {
    for (const [event, rule] of Object.entries(CHARGE_TRANSITIONS) as [
      ChargeEvent,
      { from: readonly ChargeStatus[] },
    ][]) {
      for (const status of CHARGE_STATUSES.filter((s) => !rule.from.includes(s))) {
        const decision = decideCharge(event, state(status), 100);
        expect(decision).toEqual({ ok: false, reason: expect.stringContaining(`that is ${status}`) });
      }
    }
  });

  it("settles a charge once: a second answer of the gateway is refused", () => {
    expect(decideCharge("confirm", state("CONFIRMED"))).toEqual({
      ok: false,
      reason: "cannot confirm a charge that is CONFIRMED",
    });
    expect(decideCharge("fail", state("FAILED")).ok).toBe(false);
  });

  it("refunds part of a charge, then what is left, which makes it REFUNDED", () => {
    expect(decideCharge("refund", state("CONFIRMED"), 400)).toEqual({
      ok: true,
      status: "CONFIRMED",
      refundedCents: 400,
    });
    expect(decideCharge("refund", state("CONFIRMED", 400), 600)).toEqual({
      ok: true,
      status: "REFUNDED",
      refundedCents: 1000,
    });
  });

  it("refuses a refund over what is left, naming the cents left", () => {
    expect(decideCharge("refund", state("CONFIRMED", 400), 601)).toEqual({
      ok: false,
      reason: "cannot refund 601 cents: 600 of 1000 are left",
    });
  });

  it.each([0, -5, 2.5, Number.NaN])("refuses a refund of %s cents", (cents) => {
    expect(decideCharge("refund", state("CONFIRMED"), cents)).toEqual({
      ok: false,
      reason: `cannot refund ${cents} cents: a whole number above 0`,
    });
  });

  it("never refunds a refunded or charged-back charge again", () => {
    expect(decideCharge("refund", state("REFUNDED", 1000), 1).ok).toBe(false);
    expect(decideCharge("refund", state("CHARGED_BACK"), 1)).toEqual({
      ok: false,
      reason: "cannot refund a charge that is CHARGED_BACK",
    });
  });

  it("gives a failed refund's cents back: a REFUNDED charge is CONFIRMED again, a charged-back one stays so", () => {
    expect(decideCharge("releaseRefund", state("REFUNDED", 1000), 1000)).toEqual({
      ok: true,
      status: "CONFIRMED",
      refundedCents: 0,
    });
    expect(decideCharge("releaseRefund", state("CHARGED_BACK", 300), 300)).toEqual({
      ok: true,
      status: "CHARGED_BACK",
      refundedCents: 0,
    });
    expect(decideCharge("releaseRefund", state("CONFIRMED", 100), 300).ok).toBe(false);
  });

  it("reinstates a won dispute's charge as REFUNDED when it was refunded in full", () => {
    expect(decideCharge("reinstate", state("CHARGED_BACK", 1000))).toEqual({
      ok: true,
      status: "REFUNDED",
      refundedCents: 1000,
    });
  });
});

describe("disputes", () => {
  const event = (status: DisputeEvent["status"], occurredAt: string): DisputeEvent => ({
    eventId: "evt",
    kind: status === "won" || status === "lost" ? "dispute.closed" : "dispute.opened",
    occurredAt: new Date(occurredAt),
    disputeRef: "dp_1",
    chargeRef: "pi_1",
    amountCents: 1000,
    status,
  });
  const current = (status: DisputeEvent["status"], lastEventAt: string) => ({
    status,
    lastEventAt: new Date(lastEventAt),
  });

  it("applies a later event and never an earlier one", () => {
    expect(
      supersedes(event("lost", "2026-12-02T00:00:00Z"), current("needs_response", "2026-12-01T00:00:00Z")),
    ).toBe(true);
    expect(
      supersedes(event("needs_response", "2026-12-01T00:00:00Z"), current("lost", "2026-12-02T00:00:00Z")),
    ).toBe(false);
  });

  it("within one second lets a closing event win over an open state, never the other way round", () => {
    const second = "2026-12-01T00:00:00Z";
    expect(supersedes(event("won", second), current("needs_response", second))).toBe(true);
    expect(supersedes(event("needs_response", second), current("won", second))).toBe(false);
    expect(supersedes(event("won", second), current("won", second))).toBe(false);
  });

  it("charges back while open or lost, and reinstates when won", () => {
    expect(
      ["needs_response", "under_review", "lost", "won"].map((s) =>
        chargeEventFor(s as DisputeEvent["status"]),
      ),
    ).toEqual(["chargeBack", "chargeBack", "chargeBack", "reinstate"]);
  });
});
