import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { PaymentDeclinedError } from "../../../src/users/domain/payment.errors.ts";
import type { PaymentService } from "../../../src/users/ports/payment-service.port.ts";
import type { TestPaymentService } from "../../support/payment-service.ts";

export interface PaymentTarget {
  /** The User Service's port, answered by Roster's Payment Service. */
  readonly service: PaymentService;
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
 * What the User Service's PaymentService adapter does against Roster's Payment Service, as its callers
 * see it. Relies on the sandbox gateway's steering by the user id's ending (`-card-declines`, `-no-card`,
 * `-pay-timeout`, `-refund-down`, `-pay-down`: src/payments/README.md); `payments` is the Payment
 * Service the target's client reaches, read through its own API (`ledger`) and the gateway's books.
 */
export function paymentServiceContract(
  adapter: string,
  payments: TestPaymentService,
  open: () => Promise<PaymentTarget>,
): void {
  describe(`PaymentService contract on ${adapter}`, () => {
    let target: PaymentTarget;
    let service: PaymentService;
    const total = async (userId: string) =>
      (await payments.ledger(userId)).reduce((s, e) => s + e.amountCents, 0);

    beforeEach(async () => {
      target = await open();
      service = target.service;
      const steered = ["card-declines", "pay-timeout", "pay-down", "refund-down"].map((s) => `${ADA}-${s}`);
      for (const user of [ADA, ...steered]) await payments.attachCard(user);
    });
    afterEach(async () => {
      await target.close?.();
    });

    it("charges the user's active debit card, and the charge is on the Payment Service's books", async () => {
      expect(await service.activeDebitCard(ADA)).toEqual({ last4: "5556", brand: "visa" });
      const charge = await service.charge(ADA, fee("upgrade-1"));
      expect(charge).toEqual({
        confirmationId: expect.any(String),
        status: "CONFIRMED",
        amountCents: 1234,
        currency: "USD",
      });
      expect(await payments.ledger(ADA)).toEqual([
        expect.objectContaining({ kind: "CHARGE", confirmationId: charge.confirmationId, amountCents: 1234 }),
      ]);
    });

    it("charges once per idempotency key: a repeat answers the first charge", async () => {
      const first = await service.charge(ADA, fee("upgrade-1"));
      expect(await service.charge(ADA, fee("upgrade-1"))).toEqual(first);
      expect(await payments.ledger(ADA)).toHaveLength(1);
      const other = await service.charge(ADA, fee("upgrade-2"));
      expect(other.confirmationId).not.toBe(first.confirmationId);
      expect(await total(ADA)).toBe(2 * 1234);
      expect(await payments.gatewayCharges(ADA)).toHaveLength(2);
    });

    it("refunds a charge in full, once, whatever key a second refund carries", async () => {
      const charge = await service.charge(ADA, fee("upgrade-1"));
      await service.refund(charge.confirmationId, { idempotencyKey: "undo-1" });
      await service.refund(charge.confirmationId, { idempotencyKey: "undo-1" });
      await service.refund(charge.confirmationId, { idempotencyKey: "undo-2" });
      expect((await payments.ledger(ADA)).map((e) => [e.kind, e.amountCents])).toEqual([
        ["CHARGE", 1234],
        ["REFUND", -1234],
      ]);
      expect(await total(ADA)).toBe(0);
      // A repeat of the charge's key now answers REFUNDED: that charge holds no money any more.
      expect(await service.charge(ADA, fee("upgrade-1"))).toMatchObject({ status: "REFUNDED" });
    });

    it("keeps two users' identical keys apart: each is charged, each refund undoes its own charge", async () => {
      await payments.attachCard("auth0|bea");
      const ada = await service.charge(ADA, fee("shared-key"));
      const bea = await service.charge("auth0|bea", fee("shared-key"));
      expect(bea.confirmationId).not.toBe(ada.confirmationId);
      await service.refund(ada.confirmationId, { idempotencyKey: "undo" });
      await service.refund(bea.confirmationId, { idempotencyKey: "undo" });
      expect(await total(ADA)).toBe(0);
      expect((await payments.ledger("auth0|bea")).map((e) => e.kind)).toEqual(["CHARGE", "REFUND"]);
    });

    it("refuses to refund a charge it does not know (502)", async () => {
      await expect(service.refund("pay-unknown", { idempotencyKey: "undo-1" })).rejects.toThrow(
        DependencyError,
      );
    });

    it("declines for the declining card and for a user with no debit card, moving no money", async () => {
      const declines = service.charge("auth0|ada-card-declines", fee("k"));
      await expect(declines).rejects.toThrow(PaymentDeclinedError);
      await expect(declines).rejects.toMatchObject({ status: 422, reason: "card_declined" });
      expect(await service.activeDebitCard("auth0|ada-no-card")).toBeUndefined();
      await expect(service.charge("auth0|ada-no-card", fee("k"))).rejects.toMatchObject({
        reason: "no_active_card",
      });
      expect(await payments.ledger("auth0|ada-card-declines")).toEqual([]);
      expect(await payments.gatewayCharges("auth0|ada-card-declines")).toEqual([]);
      expect(await payments.charges("auth0|ada-no-card")).toEqual([]);
    });

    it("after a timeout, a retry with the same key answers the charge the gateway made, charging once", async () => {
      const user = "auth0|ada-pay-timeout";
      await expect(service.charge(user, fee("upgrade-1"))).rejects.toThrow(UnavailableError);
      expect(await payments.gatewayCharges(user)).toHaveLength(1);
      const retried = await service.charge(user, fee("upgrade-1"));
      expect(retried.status).toBe("CONFIRMED");
      expect(await payments.ledger(user)).toEqual([
        expect.objectContaining({ confirmationId: retried.confirmationId }),
      ]);
      expect(await payments.gatewayCharges(user)).toHaveLength(1);
    });

    it("fails as unavailable (503) when the gateway is down: charges for `-pay-down`, refunds for `-refund-down`", async () => {
      const down = "auth0|ada-pay-down";
      await expect(service.charge(down, fee("k"))).rejects.toThrow(UnavailableError);
      // The same key for another user is another charge: keys are scoped to their user.
      expect(await payments.gatewayCharges(down)).toEqual([]);
      expect(await payments.ledger(down)).toEqual([]);
      const charge = await service.charge("auth0|ada-refund-down", fee("k"));
      await expect(service.refund(charge.confirmationId, { idempotencyKey: "undo" })).rejects.toThrow(
        UnavailableError,
      );
      // The Payment Service holds the refund's amount reserved until the gateway answers; none moved.
      expect(await payments.gatewayCharges("auth0|ada-refund-down")).toEqual([
        expect.objectContaining({ amountCents: 1234, refundedCents: 0 }),
      ]);
    });
  });
}
