import { BusinessRuleError } from "../../platform/errors/app.errors.ts";

export const DECLINE_REASONS = ["card_declined", "no_active_card"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/**
 * The Payment Service refused to charge the user (422): the card declined, or there is no active debit
 * card. Nothing was charged. The reason is ours, from a fixed list: never the processor's words.
 */
export class PaymentDeclinedError extends BusinessRuleError {
  override readonly name: string = "PaymentDeclinedError";
  readonly reason: DeclineReason;
  constructor(reason: DeclineReason) {
    super(
      reason === "no_active_card"
        ? "the payment was declined: the user has no active debit card"
        : "the payment was declined by the card issuer; the user can try another card",
    );
    this.reason = reason;
  }
}
