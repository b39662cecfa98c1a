import type { ChargeEvent } from "./charge-lifecycle.table.ts";

/**
 * A dispute (chargeback) the gateway reports by webhook. Its id is the gateway's (Stripe `dp_...`).
 * Statuses are the gateway port's `DisputeStatus` (held equal by a compile-time check in
 * adapters/postgres/payments.tables.ts); Stripe's `warning_*` and `prevented` never reach here.
 */
export const DISPUTE_STATUSES = ["needs_response", "under_review", "won", "lost"] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const CLOSED_DISPUTE_STATUSES: readonly DisputeStatus[] = ["won", "lost"];

export interface Dispute {
  readonly disputeId: string;
  readonly confirmationId: string;
  readonly amountCents: number;
  readonly status: DisputeStatus;
  /** The earliest event time seen for it (a `created` delivered after `closed` still moves it back). */
  readonly openedAt: Date;
  readonly closedAt?: Date;
  /** The time of the newest event applied: an older one, delivered late, changes nothing. */
  readonly lastEventAt: Date;
}

/** One webhook about a dispute, as the gateway port reads it. */
export interface DisputeEvent {
  /** The gateway's event id: each is applied at most once (webhooks come at least once). */
  readonly eventId: string;
  readonly kind: "dispute.opened" | "dispute.updated" | "dispute.closed";
  readonly occurredAt: Date;
  readonly disputeRef: string;
  /** The gateway's reference of the disputed charge. */
  readonly chargeRef: string;
  readonly amountCents: number;
  readonly status: DisputeStatus;
}

export const isClosed = (status: DisputeStatus): boolean => CLOSED_DISPUTE_STATUSES.includes(status);

/**
 * Whether an event is newer than the dispute's state: later in time, or at the same second (Stripe's
 * event times are whole seconds) a closing one over an open state, as closing is final.
 */
export function supersedes(event: DisputeEvent, current: Pick<Dispute, "lastEventAt" | "status">): boolean {
  const at = event.occurredAt.getTime();
  const last = current.lastEventAt.getTime();
  if (at !== last) return at > last;
  return isClosed(event.status) && !isClosed(current.status);
}

/**
 * What a dispute in `status` does to its charge (Stripe: a dispute takes the funds back when it opens;
 * `won` reinstates them, `lost` keeps them withdrawn): an open or lost dispute charges back, a won one
 * reinstates the charge (CONFIRMED, or REFUNDED when it was refunded in full before).
 */
export const chargeEventFor = (status: DisputeStatus): ChargeEvent =>
  status === "won" ? "reinstate" : "chargeBack";
