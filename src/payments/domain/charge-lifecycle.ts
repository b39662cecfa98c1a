import type { ChargeStatus } from "./charge.ts";
import {
  CHARGE_TRANSITIONS,
  type ChargeAmounts,
  type ChargeEvent,
  type ChargeState,
  type ChargeTransition,
} from "./charge-lifecycle.table.ts";

export { CHARGE_TRANSITIONS, type ChargeAmounts, type ChargeEvent, type ChargeState, type ChargeTransition };

export type ChargeDecision =
  | { readonly ok: true; readonly status: ChargeStatus; readonly refundedCents: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Whether `event` may happen to a charge in `state`, and the status and refunded cents it leads to.
 * `amountCents` is the event's own amount (a refund's, or a released refund's); other events take none.
 */
export function decideCharge(event: ChargeEvent, state: ChargeState, amountCents = 0): ChargeDecision {
  const rule = CHARGE_TRANSITIONS[event];
  if (!rule.from.includes(state.status)) {
    return { ok: false, reason: `cannot ${describeChargeEvent(event)} a charge that is ${state.status}` };
  }
  if (rule.moves !== undefined && !(Number.isSafeInteger(amountCents) && amountCents > 0)) {
    return {
      ok: false,
      reason: `cannot ${describeChargeEvent(event)} ${amountCents} cents: a whole number above 0`,
    };
  }
  const refundedCents =
    rule.moves === "refunded-up"
      ? state.refundedCents + amountCents
      : rule.moves === "refunded-down"
        ? state.refundedCents - amountCents
        : state.refundedCents;
  if (refundedCents > state.amountCents) {
    const left = state.amountCents - state.refundedCents;
    return {
      ok: false,
      reason: `cannot refund ${amountCents} cents: ${left} of ${state.amountCents} are left`,
    };
  }
  if (refundedCents < 0) {
    return {
      ok: false,
      reason: `cannot release ${amountCents} cents: only ${state.refundedCents} are refunded`,
    };
  }
  const after = { status: state.status, amountCents: state.amountCents, refundedCents };
  const status = typeof rule.to === "function" ? rule.to(after) : rule.to;
  return { ok: true, status, refundedCents };
}

/** The event in words, as refusals name it: `releaseRefund` -> "release refund". */
export function describeChargeEvent(event: ChargeEvent): string {
  return event.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}
