import type { Fulfilment } from "./fulfilment.ts";
import type { Subscription } from "./subscription.ts";

/**
 * What happened to a subscription, as the `subscriptions` stream's `updated_event` names it. The User
 * Service's worker acts on `pause-skipped` and `pause-resume` (seed 004) and skips every other one.
 */
export const LIFECYCLE_EVENTS = [
  "activated",
  "renewed",
  "payment-failed",
  "recovered",
  "upgraded",
  "downgrade-scheduled",
  "downgrade-withdrawn",
  "downgraded",
  "pause-scheduled",
  "pause-skipped",
  "pause-resume",
  "pause-withdrawn",
  "cancel-scheduled",
  "cancel-withdrawn",
  "cancelled",
  "expired",
  "charged-back",
  "fulfilment-changed",
] as const;
export type LifecycleEventKind = (typeof LIFECYCLE_EVENTS)[number];

export interface LifecycleEvent {
  readonly kind: LifecycleEventKind;
  /** The subscription as it stands after the change. */
  readonly subscription: Subscription;
  readonly reason?: string;
  /** pause-skipped: when the pause began skipping. */
  readonly pauseDate?: Date;
  /** pause-resume: when the pause ended (or was withdrawn). */
  readonly unpauseDate?: Date;
  /** When billing takes (or took) its next payment. */
  readonly nextBillingDate?: Date;
  /** The billing cycle the event is about (renewals, skips, failures). */
  readonly cycleId?: string;
  /** recovered: how long the subscription was past due, in milliseconds (ADR-018's metric). */
  readonly pastDueMs?: number;
  /** renewed: what was paid, for the cycle's immutable receipt. */
  readonly receipt?: CycleReceipt;
}

/** A paid cycle, as its receipt document keeps it for good. */
export interface CycleReceipt {
  readonly cycleId: string;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly amountCents: number;
  readonly currency: string;
  readonly tier: string;
  readonly tierVersion: string;
  /** The Payment Service's confirmation id. */
  readonly confirmationId: string;
  readonly paidAt: Date;
}

/** What the User Service must be told of a change the runner made (`membership_followups`). */
export type MembershipFollowupKind =
  | "FINALIZE_DOWNGRADE"
  | "COMPLETE_CANCELLATION"
  | "END_FOR_PAYMENT_FAILURE";

/** A billing cycle to create: the period's bill, due at its start. */
export interface NewCycle {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  /** Already paid (a resume with a charge collected by the User Service). */
  readonly paid?: { readonly confirmationId: string; readonly amountCents: number; readonly at: Date };
}

/** What the cycles of `subscriptionId` whose period has begun bill, fixed before a tier change. */
export interface BegunCyclePrice {
  readonly subscriptionId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly tier: string;
  readonly tierVersion: string;
}

/** Everything one decision changes, stored in one transaction. */
export interface SubscriptionEffect {
  /** Subscriptions to store as they now stand (a reactivation stores the old one ended and the new). */
  readonly subscriptions: readonly Subscription[];
  readonly events: readonly LifecycleEvent[];
  /** The subscription's open cycles to void (it ended, or its schedule restarts). */
  readonly voidOpenCyclesOf?: readonly string[];
  readonly newCycles?: readonly NewCycle[];
  /**
   * The price a subscription's due cycles whose period began before now keep, not yet claimed (an
   * upgrade while the runner has yet to bill the period: the period bills what it began at, the
   * upgrade's prorated fee pays the rest).
   */
  readonly priceBegunCycles?: readonly BegunCyclePrice[];
  /** Paid cycles' fulfilments (one per cycle: a redelivered payment makes none again). */
  readonly fulfilments?: readonly Fulfilment[];
  readonly followups?: readonly {
    readonly kind: MembershipFollowupKind;
    readonly subscription: Subscription;
  }[];
}
