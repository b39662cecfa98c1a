import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import { mayBeCurrentAttempt } from "../../domain/billing-cycle.ts";
import { settleCycle } from "../../domain/renewal.ts";
import { touch } from "../../domain/subscription-changes.ts";
import type { BillingStore } from "../../ports/billing.store.ts";
import { effectRecords } from "../records/effect-records.ts";
import { withFulfilments } from "../records/fulfilment-records.ts";

export interface PaymentOutcomeDeps {
  readonly billing: BillingStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** What the Payment Service's PaymentProcessed says of a renewal (its `orderId` is the cycle's id). */
export interface RenewalPayment {
  readonly cycleId: string;
  readonly confirmationId: string;
  readonly status: "confirmed" | "pending" | "failed" | "CHARGED_BACK";
  /** The record's `timestamp`: when the Payment Service stored the outcome. */
  readonly at: Date;
}

export type PaymentOutcome = "settled" | "charged-back" | "already" | "unknown-cycle";

/**
 * A renewal's PaymentProcessed: `confirmed` or `failed` settles a cycle still waiting on its charge
 * (the runner's answer was lost: a crash, a timeout) as the runner would have, if the record can be
 * of the attempt being charged now (`mayBeCurrentAttempt`); CHARGED_BACK marks a
 * paid cycle disputed (the User Service bans the member, and its record ends the billing). A record
 * for a cycle already past it changes nothing, so redelivery does no harm.
 */
export async function applyRenewalPayment(
  deps: PaymentOutcomeDeps,
  payment: RenewalPayment,
): Promise<PaymentOutcome> {
  const cycle = await deps.billing.cycle(payment.cycleId);
  if (!cycle) return "unknown-cycle";
  const now = deps.clock.now();
  if (payment.status === "CHARGED_BACK") {
    const stored = await deps.billing.update(payment.cycleId, now, (current, s) => {
      if (current.status !== "PAID" || current.confirmationId !== payment.confirmationId) return undefined;
      const after = touch(s, {});
      const effect = {
        subscriptions: [],
        events: [{ kind: "charged-back" as const, subscription: after, cycleId: current.cycleId }],
      };
      return { cycle: { ...current, status: "CHARGED_BACK" }, effect, records: effectRecords(deps, effect) };
    });
    return stored ? "charged-back" : "already";
  }
  if (payment.status === "pending") return "already";
  const outcome =
    payment.status === "confirmed"
      ? ({ kind: "paid", confirmationId: payment.confirmationId } as const)
      : ({ kind: "declined", reason: "card_declined" } as const);
  const stored = await deps.billing.update(payment.cycleId, now, (current, s) => {
    // Only the attempt being charged now; a late record of an earlier one changes nothing.
    if (!mayBeCurrentAttempt(current, payment.at)) return undefined;
    const settled = settleCycle(current, s, outcome, now);
    const effect = withFulfilments(deps, settled.effect);
    return { cycle: settled.cycle, effect, records: effectRecords(deps, effect) };
  });
  return stored ? "settled" : "already";
}
