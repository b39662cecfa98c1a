import type { OutboxRecord } from "../../platform/outbox/outbox-record.ts";
import type { BillingCycle } from "../domain/billing-cycle.ts";
import type { MembershipFollowupKind, SubscriptionEffect } from "../domain/lifecycle-event.ts";
import type { Subscription } from "../domain/subscription.ts";

/** A cycle's new state with its subscription's change and the records to relay. */
export interface CycleDecision {
  readonly cycle: BillingCycle;
  readonly effect: SubscriptionEffect;
  readonly records: readonly OutboxRecord[];
}

/** A claimed cycle to charge now (PROCESSING under its lease). */
export interface ClaimedCharge {
  readonly cycle: BillingCycle;
  readonly subscription: Subscription;
}

export interface DueFollowup {
  readonly followupId: string;
  readonly userId: string;
  readonly subscriptionId: string;
  readonly kind: MembershipFollowupKind;
  readonly attempts: number;
}

/**
 * The billing-cycle runner's side of the store. `claimDue` takes due cycles `FOR UPDATE SKIP LOCKED`
 * with their subscriptions (two runners never claim one cycle; a runner never waits on an API change)
 * and stores each decision in the same transaction, the charge's attempt and lease committed before
 * any charge (Kill Bill #508). `settle` stores an attempt's outcome only while the cycle is still
 * PROCESSING under that attempt, so a late or repeated outcome changes nothing.
 */
export interface BillingStore {
  claimDue(
    now: Date,
    limit: number,
    decide: (cycle: BillingCycle, subscription: Subscription) => CycleDecision & { readonly charge: boolean },
  ): Promise<{ readonly claimed: number; readonly charges: readonly ClaimedCharge[] }>;
  /**
   * Whether any cycle is due at `now`, locked or not: after a claim that took nothing, a yes means
   * another transaction (an API change, a payment record being applied) held it for a moment.
   */
  anyDue(now: Date): Promise<boolean>;
  settle(
    cycleId: string,
    attemptNo: number,
    now: Date,
    decide: (cycle: BillingCycle, subscription: Subscription) => CycleDecision,
  ): Promise<boolean>;
  /**
   * Any change of one cycle and its subscription (both locked, the subscription first); `decide`
   * answering undefined changes nothing. Answers whether a change was stored.
   */
  update(
    cycleId: string,
    now: Date,
    decide: (cycle: BillingCycle, subscription: Subscription) => CycleDecision | undefined,
  ): Promise<boolean>;
  /** The cycle a charge was for, by its Payment Service confirmation id or cycle id. */
  cycle(cycleId: string): Promise<BillingCycle | undefined>;
  dueFollowups(now: Date, limit: number): Promise<DueFollowup[]>;
  followupDelivered(followupId: string, now: Date): Promise<void>;
  followupFailed(followupId: string, retryAt: Date, error: string): Promise<void>;
}
