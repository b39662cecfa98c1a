import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import type { LedgerEntry } from "../../../src/users/adapters/sandbox/payment-service.sandbox.ts";
import { PaymentDeclinedError } from "../../../src/users/domain/payment.errors.ts";
import type { PaymentService } from "../../../src/users/ports/payment-service.port.ts";

export interface PaymentTarget {
  readonly service: PaymentService;
  /** The sandbox ledger behind the service (the fake's, for the HTTP client). */
  ledger(userId: string): Promise<LedgerEntry[]>;
  close?(): Promise<void>;
}

const ADA = "auth0|ada";
const fee = (idempotencyKey: string) =>
  ({
    amountCents: 1234,
    currency: "USD",
    description: "Upgrade to premium (prorated)",
    idempotencyKey,
  }) as const;

/**
 * What every PaymentService adapter does, as its callers see it. Relies on the sandbox's steering ids
 * (`card-declines`, `nocard`, `pay-timeout`, `refund-down`, `pay-down`), which the fake honours too.
 */
export function paymentServiceContract(adapter: string, open: () => Promise<PaymentTarget>): void {
  describe(`PaymentService contract on ${adapter}`, () => {
    let target: PaymentTarget;
    let service: PaymentService;
    const total = async (userId: string) =>
      (await target.ledger(userId)).reduce((s, e) => s + e.amountCents, 0);

    beforeEach(async () => {
      target = await open();
      service = target.service;
    });
    afterEach(async () => {
      await target.close?.();
    });

    it("charges the user's active debit card, and the charge appears in the ledger", async () => {
      expect(await service.activeDebitCard(ADA)).toEqual({
        last4: expect.stringMatching(/^\d{4}$/),
        brand: "visa",
      });
      const charge = await service.charge(ADA, fee("upgrade-1"));
      expect(charge).toEqual({
        confirmationId: expect.any(String),
        status: "CONFIRMED",
        amountCents: 1234,
        currency: "USD",
      });
      expect(await target.ledger(ADA)).toEqual([
        expect.objectContaining({ kind: "CHARGE", confirmationId: charge.confirmationId, amountCents: 1234 }),
      ]);
    });

    it("charges once per idempotency key: a repeat answers the first charge", async () => {
      const first = await service.charge(ADA, fee("upgrade-1"));
      expect(await service.charge(ADA, fee("upgrade-1"))).toEqual(first);
      expect(await target.ledger(ADA)).toHaveLength(1);
      const other = await service.charge(ADA, fee("upgrade-2"));
      expect(other.confirmationId).not.toBe(first.confirmationId);
      expect(await total(ADA)).toBe(2 * 1234);
    });

    it("refunds a charge in full, once, whatever key a second refund carries", async () => {
      const charge = await service.charge(ADA, fee("upgrade-1"));
      const refund = await service.refund(charge.confirmationId, { idempotencyKey: "undo-1" });
      expect(refund).toMatchObject({
        confirmationId: charge.confirmationId,
        amountCents: 1234,
        currency: "USD",
      });
      expect(await service.refund(charge.confirmationId, { idempotencyKey: "undo-1" })).toEqual(refund);
      expect(await service.refund(charge.confirmationId, { idempotencyKey: "undo-2" })).toEqual(refund);
      expect((await target.ledger(ADA)).map((e) => e.kind)).toEqual(["CHARGE", "REFUND"]);
      expect(await total(ADA)).toBe(0);
    });

    it("refuses to refund a charge it does not know (502)", async () => {
      await expect(service.refund("pay-unknown", { idempotencyKey: "undo-1" })).rejects.toThrow(
        DependencyError,
      );
    });

    it("declines for the declining card and for a user with no debit card, charging nothing", async () => {
      const declines = service.charge("auth0|card-declines", fee("k"));
      await expect(declines).rejects.toThrow(PaymentDeclinedError);
      await expect(declines).rejects.toMatchObject({ status: 422, reason: "card_declined" });
      expect(await service.activeDebitCard("auth0|nocard")).toBeUndefined();
      await expect(service.charge("auth0|nocard", fee("k"))).rejects.toMatchObject({
        reason: "no_active_card",
      });
      expect(await target.ledger("auth0|card-declines")).toEqual([]);
      expect(await target.ledger("auth0|nocard")).toEqual([]);
    });

    it("after a timeout, a retry with the same key answers the recorded charge and charges once", async () => {
      const user = "auth0|pay-timeout";
      await expect(service.charge(user, fee("upgrade-1"))).rejects.toThrow(UnavailableError);
      expect(await target.ledger(user)).toHaveLength(1);
      const retried = await service.charge(user, fee("upgrade-1"));
      expect(await target.ledger(user)).toEqual([
        expect.objectContaining({ confirmationId: retried.confirmationId }),
      ]);
    });

    it("fails as unavailable (503) before anything for `pay-down`, and refunds for `refund-down`", async () => {
      const down = "auth0|pay-down";
      await expect(service.charge(down, fee("k"))).rejects.toThrow(UnavailableError);
      await expect(service.activeDebitCard(down)).rejects.toThrow(UnavailableError);
      expect(await target.ledger(down)).toEqual([]);
      const charge = await service.charge("auth0|refund-down", fee("k"));
      await expect(service.refund(charge.confirmationId, { idempotencyKey: "undo" })).rejects.toThrow(
        UnavailableError,
      );
      expect(await total("auth0|refund-down")).toBe(1234);
    });
  });
}
