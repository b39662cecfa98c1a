/**
 * The Payment Service's charge state machine as a table, from its data (`CHARGE_TRANSITIONS`): each
 * event, the statuses it starts from, and the statuses `decideCharge` leads to from there.
 */
import {
  CHARGE_TRANSITIONS,
  type ChargeEvent,
  type ChargeTransition,
  decideCharge,
} from "../../src/payments/domain/charge-lifecycle.ts";
import { code, list, table } from "./markdown.ts";

/** Refunded cents before, and the event's own amount: partly and fully refunded charges. */
const SAMPLES = [
  { refundedCents: 0, amountCents: 400 },
  { refundedCents: 0, amountCents: 1000 },
  { refundedCents: 400, amountCents: 400 },
  { refundedCents: 1000, amountCents: 1000 },
] as const;

const MOVES: Readonly<Record<NonNullable<ChargeTransition["moves"]>, string>> = {
  "refunded-up": "+ the refund's amount",
  "refunded-down": "- the failed refund's amount",
};

/** Every status the event leads to, found by deciding it on sample charges of 1000 cents. */
function outcomes(event: ChargeEvent, rule: ChargeTransition): string[] {
  const found = new Set<string>();
  for (const status of rule.from) {
    for (const sample of SAMPLES) {
      const state = { status, amountCents: 1000, refundedCents: sample.refundedCents };
      const decision = decideCharge(event, state, rule.moves ? sample.amountCents : 0);
      if (decision.ok) found.add(decision.status);
    }
  }
  return [...found];
}

export function chargeLifecycleTable(): string {
  const rows = (Object.entries(CHARGE_TRANSITIONS) as [ChargeEvent, ChargeTransition][]).map(
    ([event, rule]) => [
      code(event),
      list(rule.from, "or"),
      list(outcomes(event, rule), "or") + (typeof rule.to === "function" ? " (by the cents refunded)" : ""),
      rule.moves ? MOVES[rule.moves] : "",
    ],
  );
  return table(["event", "from", "to", "refunded cents"], rows);
}
