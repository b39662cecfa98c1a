import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ChargeRefusedError,
  IdempotencyConflictError,
  UnknownChargeError,
} from "../../../src/payments/domain/payment-store.errors.ts";
import type { NewRefund } from "../../../src/payments/domain/refund.ts";
import {
  confirmedCharge,
  debitCard,
  newCharge,
  type PaymentStore,
  paymentStore,
  record,
} from "../../suites/payments/payment-store-fixtures.ts";

describe("refunds on PostgreSQL", () => {
  let store: PaymentStore;
  beforeEach(async () => {
    store = await paymentStore();
  });
  afterEach(() => store.drop());

  const refund = (confirmationId: string, amountCents: number, key: string): NewRefund => ({
    confirmationId,
    amountCents,
    idempotencyKey: key,
    requestHash: `hash-${amountCents}`,
  });

  it("refunds 20 concurrent full refunds of one charge once; the database refuses the other 19", async () => {
    const charge = await confirmedCharge(store, 1000);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.refunds.recordRefund(refund(charge.confirmationId, 1000, `refund-${i}`), [record(`rec-${i}`)]),
      ),
    );

    const refused = results.filter((result) => result.status === "rejected");
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const result of refused) expect(result.reason).toBeInstanceOf(ChargeRefusedError);
    expect(await store.refunds.refundsOf(charge.confirmationId)).toHaveLength(1);
    expect(await store.charges.getCharge(charge.confirmationId)).toMatchObject({
      status: "REFUNDED",
      refundedCents: 1000,
    });
    expect(await store.outbox.pending(50)).toHaveLength(1);
  });

  it("refunds part, then another part within what is left, and refuses more than is left", async () => {
    const charge = await confirmedCharge(store, 1000);

    const first = await store.refunds.recordRefund(refund(charge.confirmationId, 300, "r-1"), []);
    const second = await store.refunds.recordRefund(refund(charge.confirmationId, 500, "r-2"), []);
    const over = store.refunds.recordRefund(refund(charge.confirmationId, 201, "r-3"), [record("rec-over")]);

    expect(first.charge).toMatchObject({ status: "CONFIRMED", refundedCents: 300 });
    expect(second.charge).toMatchObject({ status: "CONFIRMED", refundedCents: 800 });
    await expect(over).rejects.toThrow("cannot refund 201 cents: 200 of 1000 are left");
    const last = await store.refunds.recordRefund(refund(charge.confirmationId, 200, "r-4"), []);
    expect(last.charge).toMatchObject({ status: "REFUNDED", refundedCents: 1000 });
    expect((await store.refunds.refundsOf(charge.confirmationId)).map((r) => r.idempotencyKey)).toEqual([
      "r-1",
      "r-2",
      "r-4",
    ]);
    expect(await store.outbox.pending(10)).toEqual([]);
  });

  it("answers the stored refund to its key repeated, concurrently too, and refuses the key with another amount", async () => {
    const charge = await confirmedCharge(store, 1000);

    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.refunds.recordRefund(refund(charge.confirmationId, 400, "r-1"), []),
      ),
    );
    const other = store.refunds.recordRefund(refund(charge.confirmationId, 500, "r-1"), []);

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.refund.refundId)).size).toBe(1);
    await expect(other).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await store.charges.getCharge(charge.confirmationId)).toMatchObject({ refundedCents: 400 });
  });

  it("never refunds a charge that was not collected, nor one that is unknown", async () => {
    const method = await store.methods.addMethod(debitCard());
    const { charge } = await store.charges.beginCharge(newCharge(method.methodId));

    await expect(store.refunds.recordRefund(refund(charge.confirmationId, 100, "r-1"), [])).rejects.toThrow(
      "cannot refund a charge that is INITIATED",
    );
    await expect(store.refunds.recordRefund(refund("nobody", 100, "r-2"), [])).rejects.toBeInstanceOf(
      UnknownChargeError,
    );
    expect(await store.refunds.refundsOf(charge.confirmationId)).toEqual([]);
  });

  it("settles a refund once, and gives the cents of a failed one back to the charge", async () => {
    const charge = await confirmedCharge(store, 1000);
    const full = await store.refunds.recordRefund(refund(charge.confirmationId, 1000, "r-1"), []);

    const failed = await store.refunds.settleRefund(full.refund.refundId, { status: "FAILED" }, [
      record("rec-failed"),
    ]);
    const again = await store.refunds.settleRefund(
      full.refund.refundId,
      { status: "SUCCEEDED", gatewayRef: "re_1" },
      [record("rec-x")],
    );
    const retry = await store.refunds.recordRefund(refund(charge.confirmationId, 1000, "r-2"), []);
    const succeeded = await store.refunds.settleRefund(
      retry.refund.refundId,
      { status: "SUCCEEDED", gatewayRef: "re_2" },
      [],
    );

    expect(failed).toMatchObject({
      changed: true,
      refund: { status: "FAILED" },
      charge: { status: "CONFIRMED", refundedCents: 0 },
    });
    expect(again).toMatchObject({ changed: false, refund: { status: "FAILED" } });
    expect(succeeded).toMatchObject({
      changed: true,
      refund: { status: "SUCCEEDED", gatewayRef: "re_2" },
      charge: { status: "REFUNDED" },
    });
    expect((await store.outbox.pending(10)).map((entry) => entry.recordId)).toEqual(["rec-failed"]);
    expect(await store.refunds.getRefund(retry.refund.refundId)).toEqual(succeeded.refund);
  });
});
