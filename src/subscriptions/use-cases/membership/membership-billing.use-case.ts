import { requestHash } from "../../../platform/idempotency/request-hash.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { SubscriptionEffect } from "../../domain/lifecycle-event.ts";
import { NoSubscriptionError, SubscriptionExistsError } from "../../domain/subscription.errors.ts";
import { type BillingTerm, DIGITAL, isLive, planIdOf, type Subscription } from "../../domain/subscription.ts";
import * as changes from "../../domain/subscription-changes.ts";
import type { ChangeRequest } from "../../ports/subscription.store.ts";
import { effectRecords } from "../records/effect-records.ts";
import type { SubscriptionDeps } from "../subscription.deps.ts";

/**
 * The User Service's contract (contracts/subscriptions/subscriptions.http.ts), served: each call one
 * transaction on the user's subscription, once per Idempotency-Key (scoped to the user, as the User
 * Service derives its keys per user). Callers: services (the User Service) and operators.
 */
export interface MembershipCall<T> {
  readonly principal: Principal | undefined;
  readonly userId: string;
  readonly idempotencyKey: string;
  /** The caller's view of the subscription: stored as the key's answer and replayed to a repeat. */
  readonly view: (s: Subscription) => T;
}

/** The bodies, with the contract's (snake_case) fields. */
interface Tier {
  readonly tier: string;
  readonly tier_version: string;
}
export interface ActivationInput extends Tier {
  readonly term: BillingTerm;
  readonly price_cents: number;
  readonly currency: string;
}
export interface PauseInput {
  readonly months: number;
  readonly first_skipped_payment: string;
}
export interface ResumeInput {
  readonly charge?: { readonly confirmation_id: string; readonly amount_cents: number } | undefined;
}
export interface TierChangeInput extends Tier {
  readonly price_cents: number;
}
export interface DowngradeInput extends TierChangeInput {
  readonly effective: string;
}
export interface CancelInput {
  readonly effective: "now" | "period_end";
  readonly reason: string;
}

type Answer<T> = Promise<{ status: number; answer: T }>;

export function activate<T>(
  deps: SubscriptionDeps,
  call: MembershipCall<T>,
  body: ActivationInput,
): Answer<T> {
  return start(deps, call, "activate", body, (current, request) => {
    if (current && isLive(current)) throw new SubscriptionExistsError(current.subscriptionId);
    return changes.start(request, deps.clock.now());
  });
}

export function reactivate<T>(
  deps: SubscriptionDeps,
  call: MembershipCall<T>,
  body: ActivationInput,
): Answer<T> {
  return start(deps, call, "reactivate", body, (current, request) =>
    changes.restart(current, request, deps.clock.now()),
  );
}

export function pause<T>(deps: SubscriptionDeps, call: MembershipCall<T>, body: PauseInput): Answer<T> {
  return change(deps, call, "pause", body, (s) =>
    changes.pause(
      s,
      {
        pauseId: `pau_${deps.ids.next()}`,
        months: body.months,
        firstSkippedPayment: body.first_skipped_payment,
      },
      deps.clock.now(),
    ),
  );
}

export function resume<T>(deps: SubscriptionDeps, call: MembershipCall<T>, body: ResumeInput): Answer<T> {
  const paid = body.charge
    ? { confirmationId: body.charge.confirmation_id, amountCents: body.charge.amount_cents }
    : undefined;
  return change(deps, call, "resume", body, (s) => changes.resume(s, deps.clock.now(), paid));
}

export async function upgrade<T>(
  deps: SubscriptionDeps,
  call: MembershipCall<T>,
  body: TierChangeInput,
): Answer<T> {
  await knowPlan(deps, call.userId, body);
  return change(deps, call, "upgrade", body, (s) =>
    changes.upgrade(s, { tier: body.tier, tierVersion: body.tier_version, priceCents: body.price_cents }),
  );
}

export async function downgrade<T>(
  deps: SubscriptionDeps,
  call: MembershipCall<T>,
  body: DowngradeInput,
): Answer<T> {
  await knowPlan(deps, call.userId, body);
  return change(deps, call, "downgrade", body, (s) =>
    changes.downgrade(s, {
      tier: body.tier,
      tierVersion: body.tier_version,
      priceCents: body.price_cents,
      effective: new Date(body.effective),
    }),
  );
}

export function cancel<T>(deps: SubscriptionDeps, call: MembershipCall<T>, body: CancelInput): Answer<T> {
  return change(deps, call, "cancel", body, (s) =>
    changes.cancel(s, { effective: body.effective, reason: body.reason }, deps.clock.now()),
  );
}

/** The tier's plan for the user's term, recorded the first time a subscription moves to it. */
async function knowPlan(deps: SubscriptionDeps, userId: string, tier: TierChangeInput): Promise<void> {
  const current = await deps.store.latestOf(userId);
  if (!current) return;
  await deps.store.ensurePlan({
    planId: planIdOf(tier.tier, tier.tier_version, current.term),
    tier: tier.tier,
    tierVersion: tier.tier_version,
    term: current.term,
    priceCents: tier.price_cents,
    currency: current.currency,
  });
}

/** GET current-period: the user's live subscription, else the last one. */
export async function currentSubscription(
  deps: SubscriptionDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Subscription> {
  requireKind(principal, ["service", "operator"]);
  const current = await deps.store.latestOf(userId);
  if (!current) throw new NoSubscriptionError();
  return current;
}

function request(call: MembershipCall<unknown>, operation: string, body: unknown): ChangeRequest {
  const caller = requireKind(call.principal, ["service", "operator"]);
  return {
    actor: `${caller.kind}:${caller.id}`,
    idempotency: {
      scope: `user:${call.userId}`,
      key: call.idempotencyKey,
      requestHash: requestHash({ operation, body }),
    },
  };
}

async function start<T>(
  deps: SubscriptionDeps,
  call: MembershipCall<T>,
  operation: "activate" | "reactivate",
  body: ActivationInput,
  decide: (current: Subscription | undefined, start: changes.StartRequest) => SubscriptionEffect,
): Answer<T> {
  const changeRequest = request(call, operation, body);
  const plan = {
    planId: planIdOf(body.tier, body.tier_version, body.term),
    tier: body.tier,
    tierVersion: body.tier_version,
    term: body.term,
    priceCents: body.price_cents,
    currency: body.currency,
  };
  await deps.store.ensurePlan(plan);
  const startRequest: changes.StartRequest = {
    subscriptionId: `sub_${deps.ids.next()}`,
    userId: call.userId,
    plan,
    paymentMethod: "DebitCard",
    fulfilment: DIGITAL,
    source: "membership",
    startAt: deps.clock.now(),
  };
  return deps.store.changeForUser(call.userId, changeRequest, (current) => {
    const effect = decide(current, startRequest);
    const started = effect.subscriptions.find((s) => s.subscriptionId === startRequest.subscriptionId);
    return {
      effect,
      records: effectRecords(deps, effect),
      status: operation === "activate" ? 201 : 200,
      answer: call.view(started as Subscription),
    };
  });
}

function change<T>(
  deps: SubscriptionDeps,
  call: MembershipCall<T>,
  operation: string,
  body: unknown,
  decide: (current: Subscription) => SubscriptionEffect,
): Answer<T> {
  return deps.store.changeForUser(call.userId, request(call, operation, body), (current) => {
    if (!current) throw new NoSubscriptionError();
    const effect = decide(current);
    const after = effect.subscriptions.find((s) => s.subscriptionId === current.subscriptionId) ?? current;
    return { effect, records: effectRecords(deps, effect), status: 200, answer: call.view(after) };
  });
}
