import type { OutboxRecord } from "../../platform/outbox/outbox-record.ts";
import type { BillingCycle } from "../domain/billing-cycle.ts";
import type { Fulfilment } from "../domain/fulfilment.ts";
import type { SubscriptionEffect } from "../domain/lifecycle-event.ts";
import type { Plan, Subscription } from "../domain/subscription.ts";

/** Who asks for a change, as the history records it: `service:user-service`, `user:auth0|...`, `system:billing`. */
export interface ChangeRequest {
  readonly actor: string;
  /** Why, in the caller's words (no personal data). */
  readonly reason?: string;
  /** Replays the first answer to a repeat of `key` in `scope`; another request under it is refused. */
  readonly idempotency?: { readonly scope: string; readonly key: string; readonly requestHash: string };
}

/** A decision on a subscription: what to store, the records to relay, and the caller's answer. */
export interface Decided<T> {
  readonly effect: SubscriptionEffect;
  readonly records: readonly OutboxRecord[];
  readonly status: number;
  readonly answer: T;
}

export type Decide<T> = (current: Subscription | undefined) => Decided<T>;

/**
 * The Subscription Service's store of subscriptions. Every change is one transaction: the subscription
 * locked, the decision made on what is stored, its effect (subscriptions, pauses, pending changes,
 * cycles, follow-ups), its history rows, its outbox records and the idempotency key's answer written
 * together. A repeated key answers the stored answer and decides nothing; a different request under
 * it throws IdempotencyConflictError; a second live subscription for one user is refused by the store
 * (SubscriptionExistsError), however many ask at once.
 */
export interface SubscriptionStore {
  /** The user's live subscription, else the last one that ended, locked while `decide` runs. */
  changeForUser<T>(
    userId: string,
    request: ChangeRequest,
    decide: Decide<T>,
  ): Promise<{ status: number; answer: T }>;
  /** The same, for one subscription by its id. */
  changeById<T>(
    subscriptionId: string,
    request: ChangeRequest,
    decide: Decide<T>,
  ): Promise<{ status: number; answer: T }>;
  latestOf(userId: string): Promise<Subscription | undefined>;
  byId(subscriptionId: string): Promise<Subscription | undefined>;
  plan(planId: string): Promise<Plan | undefined>;
  /** Records a plan the first time it is sold; a known plan id keeps its first price. */
  ensurePlan(plan: Plan): Promise<void>;
  cycles(subscriptionId: string): Promise<BillingCycle[]>;
  history(subscriptionId: string): Promise<SubscriptionChange[]>;
  /** What its paid periods delivered, newest first. */
  fulfilments(subscriptionId: string, limit: number): Promise<Fulfilment[]>;
  /**
   * Every subscription the user ever had (live or ended), newest first, each with its latest
   * `limits.cycles` cycles (newest first, with their charge attempts) and its latest `limits.changes`
   * history rows (newest first). A user never billed has none.
   */
  billingHistory(
    userId: string,
    limits: { readonly cycles: number; readonly changes: number },
  ): Promise<BillingRecord[]>;
}

/** One subscription's billing story, as the operators' read answers it. */
export interface BillingRecord {
  readonly subscription: Subscription;
  readonly cycles: readonly CycleRecord[];
  readonly changes: readonly SubscriptionChange[];
}

export interface CycleRecord {
  readonly cycle: BillingCycle;
  /** In the order tried: the declined ones, then the paid one. */
  readonly attempts: readonly ChargeAttempt[];
}

/** One charge of a cycle whose outcome was stored (an attempt still being charged is not one yet). */
export interface ChargeAttempt {
  readonly attemptNo: number;
  readonly at: Date;
  readonly outcome: "paid" | "declined";
  readonly confirmationId?: string;
  readonly declineReason?: string;
}

/** One row of the append-only history. */
export interface SubscriptionChange {
  readonly event: string;
  readonly actor: string;
  readonly reason?: string;
  readonly occurredAt: Date;
  readonly status: string;
}
