import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  GatewayRefusedError,
  InvalidWebhookSignatureError,
} from "../../../src/payments/domain/gateway.errors.ts";
import type {
  GatewayChargeRequest,
  PaymentGateway,
} from "../../../src/payments/ports/payment-gateway.port.ts";

export interface SignedWebhook {
  readonly payload: string;
  readonly signature: string;
}

/** A gateway, and the gateway's own books to check it against (never the adapter's word for it). */
export interface GatewayTarget {
  readonly gateway: PaymentGateway;
  /** The succeeded charges of a customer as the gateway's side recorded them: what moved money. */
  charges(
    customerRef: string,
  ): Promise<ReadonlyArray<{ readonly amountCents: number; readonly refundedCents: number }>>;
  /** Opens a dispute on a succeeded charge as the gateway does; its webhook as delivered. */
  dispute(chargeRef: string): Promise<SignedWebhook>;
  /** Signs a payload with the gateway's webhook secret, dated `ageSeconds` ago. */
  sign(payload: string, ageSeconds: number): string;
  close?(): Promise<void>;
}

/** Roster's user ids look like Auth0's. */
export const USER = "auth0|ada";

const refused = (rule: string) => expect.objectContaining({ name: "GatewayRefusedError", rule });

/** What every PaymentGateway adapter does with Stripe's test PaymentMethods. */
export function paymentGatewayContract(adapter: string, open: () => Promise<GatewayTarget>): void {
  describe(`PaymentGateway contract on ${adapter}`, () => {
    let target: GatewayTarget;
    let gateway: PaymentGateway;

    beforeEach(async () => {
      target = await open();
      gateway = target.gateway;
    });
    afterEach(async () => {
      await target.close?.();
    });

    async function cardOf(token: string, userId = USER) {
      const customer = await gateway.customer(userId);
      const method = await gateway.attachMethod(customer.ref, token);
      const charge = (amountCents: number, idempotencyKey: string): GatewayChargeRequest => ({
        customerRef: customer.ref,
        methodRef: method.ref,
        amountCents,
        currency: "USD",
        description: "Roster membership upgrade",
        idempotencyKey,
        metadata: { confirmation_id: `confirmation-${idempotencyKey}` },
      });
      return { customer, method, charge };
    }

    it("keeps one customer per user", async () => {
      const first = await gateway.customer(USER);
      const again = await gateway.customer(USER);
      const other = await gateway.customer("auth0|grace");
      expect(first.ref).toMatch(/^cus_/);
      expect(again).toEqual(first);
      expect(other.ref).not.toBe(first.ref);
    });

    it("attaches a debit and a credit test card, each a new pm_ with its brand, last four and funding", async () => {
      const customer = await gateway.customer(USER);
      const debit = await gateway.attachMethod(customer.ref, "pm_card_visa_debit");
      const credit = await gateway.attachMethod(customer.ref, "pm_card_mastercard");
      const again = await gateway.attachMethod(customer.ref, "pm_card_visa_debit");
      expect(debit).toEqual({
        ref: expect.stringMatching(/^pm_/),
        brand: "visa",
        last4: "5556",
        funding: "debit",
        expMonth: 12,
        expYear: expect.any(Number),
      });
      expect(credit).toMatchObject({ brand: "mastercard", last4: "4444", funding: "credit" });
      expect(new Set([debit.ref, credit.ref, again.ref, "pm_card_visa_debit"]).size).toBe(4);
    });

    it("refuses a token it does not know as unknown_method", async () => {
      const customer = await gateway.customer(USER);
      await expect(gateway.attachMethod(customer.ref, "pm_card_noSuchCard")).rejects.toEqual(
        refused("unknown_method"),
      );
    });

    it("charges a card off session: succeeded, money moved once", async () => {
      const { customer, charge } = await cardOf("pm_card_visa_debit");
      const result = await gateway.charge(charge(1999, "charge-1"));
      expect(result).toEqual({ ref: expect.stringMatching(/^pi_/), outcome: "succeeded" });
      expect(await target.charges(customer.ref)).toEqual([{ amountCents: 1999, refundedCents: 0 }]);
    });

    it("answers a repeated key with the first charge and moves money once", async () => {
      const { customer, charge } = await cardOf("pm_card_visa");
      const first = await gateway.charge(charge(1000, "charge-twice"));
      const repeat = await gateway.charge(charge(1000, "charge-twice"));
      expect(repeat).toEqual(first);
      expect(await target.charges(customer.ref)).toHaveLength(1);
    });

    it("refuses the same key with another amount as idempotency_mismatch, moving nothing more", async () => {
      const { customer, charge } = await cardOf("pm_card_visa");
      await gateway.charge(charge(1000, "charge-key"));
      await expect(gateway.charge(charge(2000, "charge-key"))).rejects.toEqual(
        refused("idempotency_mismatch"),
      );
      expect(await target.charges(customer.ref)).toEqual([{ amountCents: 1000, refundedCents: 0 }]);
    });

    it.each([
      ["pm_card_chargeDeclined", "card_declined"],
      ["pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"],
      ["pm_card_chargeDeclinedExpiredCard", "expired_card"],
      ["pm_card_authenticationRequired", "authentication_required"],
    ])("declines %s with the reason %s, moving no money", async (token, reason) => {
      const { customer, charge } = await cardOf(token);
      const result = await gateway.charge(charge(1000, `decline-${token}`));
      expect(result).toMatchObject({ outcome: "declined", reason });
      expect(await target.charges(customer.ref)).toEqual([]);
    });

    it("refuses to charge a detached card as detached_method", async () => {
      const { method, charge } = await cardOf("pm_card_visa");
      await gateway.detachMethod(method.ref);
      await expect(gateway.charge(charge(1000, "after-detach"))).rejects.toEqual(refused("detached_method"));
      await expect(gateway.detachMethod(method.ref)).rejects.toBeInstanceOf(GatewayRefusedError);
    });

    it("refunds a charge in full", async () => {
      const { customer, charge } = await cardOf("pm_card_visa");
      const { ref } = await gateway.charge(charge(1500, "to-refund"));
      const refund = await gateway.refund({
        chargeRef: ref as string,
        amountCents: 1500,
        idempotencyKey: "refund-all",
      });
      expect(refund).toEqual({ ref: expect.stringMatching(/^re_/), status: "succeeded" });
      expect(await target.charges(customer.ref)).toEqual([{ amountCents: 1500, refundedCents: 1500 }]);
    });

    it("refunds in parts, a repeated key once, and refuses more than what is left as over_refund", async () => {
      const { customer, charge } = await cardOf("pm_card_visa_debit");
      const chargeRef = (await gateway.charge(charge(1000, "partly"))).ref as string;
      const first = await gateway.refund({ chargeRef, amountCents: 300, idempotencyKey: "part-1" });
      expect(await gateway.refund({ chargeRef, amountCents: 300, idempotencyKey: "part-1" })).toEqual(first);
      await gateway.refund({ chargeRef, amountCents: 300, idempotencyKey: "part-2" });
      const over = gateway.refund({ chargeRef, amountCents: 500, idempotencyKey: "part-3" });
      await expect(over).rejects.toEqual(refused("over_refund"));
      expect(await target.charges(customer.ref)).toEqual([{ amountCents: 1000, refundedCents: 600 }]);
    });

    it("verifies a dispute's signed webhook and maps it onto the PaymentIntent that was charged", async () => {
      const { charge } = await cardOf("pm_card_visa");
      const chargeRef = (await gateway.charge(charge(2500, "to-dispute"))).ref as string;
      const webhook = await target.dispute(chargeRef);
      const event = await gateway.webhookEvent(webhook.payload, webhook.signature);
      expect(event).toEqual({
        kind: "dispute.opened",
        eventId: expect.stringMatching(/^evt_/),
        occurredAt: expect.any(Date),
        disputeRef: expect.stringMatching(/^du_/),
        chargeRef,
        amountCents: 2500,
        status: "needs_response",
      });
    });

    it("refuses a tampered body, an old signature and another secret's with InvalidWebhookSignatureError", async () => {
      const { charge } = await cardOf("pm_card_visa");
      const chargeRef = (await gateway.charge(charge(2500, "tamper"))).ref as string;
      const { payload, signature } = await target.dispute(chargeRef);
      const tampered = payload.replace('"amount":2500', '"amount":1');
      const invalid = InvalidWebhookSignatureError;
      await expect(gateway.webhookEvent(tampered, signature)).rejects.toBeInstanceOf(invalid);
      await expect(gateway.webhookEvent(payload, target.sign(payload, 600))).rejects.toBeInstanceOf(invalid);
      const otherSecret = Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else" });
      await expect(gateway.webhookEvent(payload, otherSecret)).rejects.toBeInstanceOf(invalid);
      await expect(gateway.webhookEvent(payload, "")).rejects.toBeInstanceOf(invalid);
    });

    it("answers an event it does not act on as ignored, still verified", async () => {
      const payload = JSON.stringify({
        id: "evt_other",
        object: "event",
        created: 1,
        type: "customer.created",
        data: { object: {} },
      });
      const event = await gateway.webhookEvent(payload, target.sign(payload, 0));
      expect(event).toEqual({ kind: "ignored", eventId: "evt_other", type: "customer.created" });
    });
  });
}
