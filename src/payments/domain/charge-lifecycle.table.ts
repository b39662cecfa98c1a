import type { Charge, ChargeStatus } from "./charge.ts";

/** What can happen to a charge. */
export type ChargeEvent =
  | "confirm"
  | "hold"
  | "fail"
  | "refund"
  | "releaseRefund"
  | "chargeBack"
  | "reinstate";

/** What a status depends on: the current status, and the amounts after the event's own amount. */
export type ChargeAmounts = Pick<Charge, "amountCents" | "refundedCents">;
export type ChargeState = ChargeAmounts & Pick<Charge, "status">;

export interface ChargeTransition {
  readonly from: readonly ChargeStatus[];
  /** The status after the event; a function where it depends on what is refunded. */
  readonly to: ChargeStatus | ((after: ChargeState) => ChargeStatus);
  /** The event moves `refundedCents` by an amount (a refund adds it, a failed refund gives it back). */
  readonly moves?: "refunded-up" | "refunded-down";
}

const byRefunds = (after: ChargeAmounts): ChargeStatus =>
  after.refundedCents === after.amountCents ? "REFUNDED" : "CONFIRMED";

/**
 * The charge's state machine as data. The PostgreSQL adapter guards each UPDATE with `from` (so a
 * repeated or late event changes nothing), and the CHECK constraints of migration 0001 hold the
 * statuses and amounts to it in the database too.
 */
export const CHARGE_TRANSITIONS: Readonly<Record<ChargeEvent, ChargeTransition>> = {
  // The gateway collected the money: at once, or later by webhook for a PENDING one.
  confirm: { from: ["INITIATED", "PENDING"], to: "CONFIRMED" },
  // The gateway accepted the charge and settles it later (Stripe `processing`).
  hold: { from: ["INITIATED"], to: "PENDING" },
  // Declined at once, or a PENDING one that did not settle: no money moved.
  fail: { from: ["INITIATED", "PENDING"], to: "FAILED" },
  // A refund reserves its amount before the gateway is called; in full, the charge is REFUNDED.
  refund: { from: ["CONFIRMED"], to: byRefunds, moves: "refunded-up" },
  // A refund the gateway refused gives its amount back; a disputed charge stays CHARGED_BACK.
  releaseRefund: {
    from: ["CONFIRMED", "REFUNDED", "CHARGED_BACK"],
    to: (after) => (after.status === "CHARGED_BACK" ? "CHARGED_BACK" : byRefunds(after)),
    moves: "refunded-down",
  },
  // A dispute opened (Stripe `charge.dispute.created`), or closed lost: the money was taken back.
  chargeBack: { from: ["CONFIRMED", "REFUNDED"], to: "CHARGED_BACK" },
  // A dispute closed won: the funds are reinstated, so the charge is as it was before the dispute.
  reinstate: { from: ["CHARGED_BACK"], to: byRefunds },
};
