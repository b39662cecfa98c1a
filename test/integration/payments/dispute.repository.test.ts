import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Charge } from "../../../src/payments/domain/charge.ts";
import type { DisputeEvent } from "../../../src/payments/domain/dispute.ts";
import { UnknownChargeError } from "../../../src/payments/domain/payment-store.errors.ts";
import type { DisputeEffect } from "../../../src/payments/ports/dispute.repository.ts";
import {
  confirmedCharge,
  type PaymentStore,
  paymentStore,
  record,
} from "../../suites/payments/payment-store-fixtures.ts";

/** What a use case would put on the stream: a record when the charge's status changed. */
const statusRecords = (effect: DisputeEffect) =>
  effect.chargeChanged ? [record(`${effect.dispute.disputeId}:${effect.charge.status}`)] : [];

describe("disputes on PostgreSQL", () => {
  let store: PaymentStore;
  let charge: Charge;
  beforeEach(async () => {
    store = await paymentStore();
    charge = await confirmedCharge(store, 1000);
  });
  afterEach(() => store.drop());

  const opened = (overrides: Partial<DisputeEvent> = {}): DisputeEvent => ({
    eventId: "evt_opened",
    kind: "dispute.opened",
    occurredAt: new Date("2026-12-01T12:00:00Z"),
    disputeRef: "dp_1",
    chargeRef: charge.gatewayRef as string,
    amountCents: 1000,
    status: "needs_response",
    ...overrides,
  });
  const closed = (status: "won" | "lost"): DisputeEvent =>
    opened({
      eventId: `evt_${status}`,
      kind: "dispute.closed",
      status,
      occurredAt: new Date("2026-12-09T12:00:00Z"),
    });
  const recordIds = async () => (await store.outbox.pending(50)).map((entry) => entry.recordId);

  it("applies a webhook delivered five times, five at once, once: one dispute, one record, CHARGED_BACK", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => store.disputes.applyDisputeEvent(opened(), statusRecords)),
    );

    expect(outcomes.filter((outcome) => outcome.applied)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.applied)).toEqual(
      Array(4).fill({ applied: false, reason: "duplicate" }),
    );
    expect(await store.disputes.getDispute("dp_1")).toMatchObject({
      status: "needs_response",
      confirmationId: charge.confirmationId,
    });
    expect(await store.charges.getCharge(charge.confirmationId)).toMatchObject({ status: "CHARGED_BACK" });
    expect(await recordIds()).toEqual(["dp_1:CHARGED_BACK"]);
  });

  it("reinstates the charge when the dispute is won (Stripe gives the funds back)", async () => {
    await store.disputes.applyDisputeEvent(opened(), statusRecords);

    const outcome = await store.disputes.applyDisputeEvent(closed("won"), statusRecords);

    expect(outcome).toMatchObject({ applied: true, chargeChanged: true, charge: { status: "CONFIRMED" } });
    expect(await store.disputes.getDispute("dp_1")).toMatchObject({
      status: "won",
      openedAt: new Date("2026-12-01T12:00:00Z"),
      closedAt: new Date("2026-12-09T12:00:00Z"),
    });
    expect(await recordIds()).toEqual(["dp_1:CHARGED_BACK", "dp_1:CONFIRMED"]);
  });

  it("ends lost and charged back when the close arrives before the opening", async () => {
    const first = await store.disputes.applyDisputeEvent(closed("lost"), statusRecords);
    const late = await store.disputes.applyDisputeEvent(opened(), statusRecords);

    expect(first).toMatchObject({ applied: true, charge: { status: "CHARGED_BACK" } });
    expect(late).toEqual({ applied: false, reason: "superseded" });
    expect(await store.disputes.getDispute("dp_1")).toMatchObject({
      status: "lost",
      openedAt: new Date("2026-12-01T12:00:00Z"),
      closedAt: new Date("2026-12-09T12:00:00Z"),
    });
    expect(await store.charges.getCharge(charge.confirmationId)).toMatchObject({ status: "CHARGED_BACK" });
    expect(await recordIds()).toEqual(["dp_1:CHARGED_BACK"]);
  });

  it("ends won with the charge untouched when a won close arrives before the opening", async () => {
    await store.disputes.applyDisputeEvent(closed("won"), statusRecords);
    await store.disputes.applyDisputeEvent(opened(), statusRecords);

    expect(await store.disputes.getDispute("dp_1")).toMatchObject({ status: "won" });
    expect(await store.charges.getCharge(charge.confirmationId)).toMatchObject({ status: "CONFIRMED" });
    expect(await recordIds()).toEqual([]);
  });

  it("tells a later event that repeats the dispute's state as no change (funds_withdrawn after created)", async () => {
    await store.disputes.applyDisputeEvent(opened(), statusRecords);

    const withdrawn = await store.disputes.applyDisputeEvent(
      opened({
        eventId: "evt_withdrawn",
        kind: "dispute.updated",
        occurredAt: new Date("2026-12-01T12:00:05Z"),
      }),
      statusRecords,
    );
    const reviewed = await store.disputes.applyDisputeEvent(
      opened({
        eventId: "evt_review",
        kind: "dispute.updated",
        status: "under_review",
        occurredAt: new Date("2026-12-03T12:00:00Z"),
      }),
      statusRecords,
    );

    expect(withdrawn).toMatchObject({ applied: true, disputeChanged: false, chargeChanged: false });
    expect(reviewed).toMatchObject({ applied: true, disputeChanged: true, chargeChanged: false });
    expect(await store.disputes.getDispute("dp_1")).toMatchObject({
      status: "under_review",
      openedAt: new Date("2026-12-01T12:00:00Z"),
    });
    expect(await recordIds()).toEqual(["dp_1:CHARGED_BACK"]);
  });

  it("records nothing for a charge it does not know, so a later redelivery still applies", async () => {
    const unknown = store.disputes.applyDisputeEvent(opened({ chargeRef: "pi_nobody" }), statusRecords);

    await expect(unknown).rejects.toBeInstanceOf(UnknownChargeError);
    expect((await store.disputes.applyDisputeEvent(opened(), statusRecords)).applied).toBe(true);
  });
});
