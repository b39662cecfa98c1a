import type { DeclineReason, Funding } from "../../ports/payment-gateway.port.ts";

/** How a test card behaves when charged. */
export type TestCardBehaviour =
  | { readonly kind: "succeeds" }
  /** A 402 card error with Stripe's `code` and `decline_code`, and what Roster reads in them. */
  | {
      readonly kind: "declines";
      readonly code: string;
      readonly declineCode: string;
      readonly reason: DeclineReason;
    };

export interface TestCard {
  readonly brand: string;
  readonly last4: string;
  readonly funding: Funding;
  readonly behaviour: TestCardBehaviour;
}

const declines = (code: string, declineCode: string, reason: DeclineReason): TestCardBehaviour => ({
  kind: "declines",
  code,
  declineCode,
  reason,
});
const succeeds: TestCardBehaviour = { kind: "succeeds" };

/**
 * Stripe's documented test PaymentMethods (https://docs.stripe.com/testing#cards and #declined-payments),
 * the few Roster's sandbox gateway and the tests' Stripe fake accept. `pm_card_authenticationRequired`
 * (4000 0027 6000 3184) needs 3D Secure on every payment, so an off-session charge declines
 * `authentication_required` (https://docs.stripe.com/payments/save-and-reuse#handle-errors).
 */
export const STRIPE_TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { brand: "visa", last4: "4242", funding: "credit", behaviour: succeeds },
  pm_card_visa_debit: { brand: "visa", last4: "5556", funding: "debit", behaviour: succeeds },
  pm_card_mastercard: { brand: "mastercard", last4: "4444", funding: "credit", behaviour: succeeds },
  pm_card_mastercard_debit: { brand: "mastercard", last4: "8210", funding: "debit", behaviour: succeeds },
  pm_card_chargeDeclined: {
    brand: "visa",
    last4: "0002",
    funding: "credit",
    behaviour: declines("card_declined", "generic_decline", "card_declined"),
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: "visa",
    last4: "9995",
    funding: "credit",
    behaviour: declines("card_declined", "insufficient_funds", "insufficient_funds"),
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: "visa",
    last4: "0069",
    funding: "credit",
    behaviour: declines("expired_card", "expired_card", "expired_card"),
  },
  pm_card_authenticationRequired: {
    brand: "visa",
    last4: "3184",
    funding: "credit",
    behaviour: declines("authentication_required", "authentication_required", "authentication_required"),
  },
};

/** Test cards expire in December, a few years ahead of the charge, as Stripe's do. */
export const testCardExpiry = (now: Date) => ({ expMonth: 12, expYear: now.getUTCFullYear() + 3 });
