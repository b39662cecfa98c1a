import { NotFoundError } from "../../../platform/errors/app.errors.ts";
import { requestHash } from "../../../platform/idempotency/request-hash.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { fieldError, SubscriptionExistsError } from "../../domain/subscription.errors.ts";
import { DIGITAL, isLive, type PaymentMethodKind, type Subscription } from "../../domain/subscription.ts";
import * as changes from "../../domain/subscription-changes.ts";
import type { ChangeRequest } from "../../ports/subscription.store.ts";
import { effectRecords } from "../records/effect-records.ts";
import type { SubscriptionDeps } from "../subscription.deps.ts";

/** SubscribeUser 0.0.1's fields. */
export interface SubscribeInput {
  readonly userId: string;
  readonly planId: string;
  readonly paymentMethod: PaymentMethodKind;
  readonly startDate?: string | undefined;
  readonly timestamp: string;
}

/** CancelSubscription 0.0.1's fields. */
export interface CancelInput {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly reason?: string | undefined;
  readonly cancelImmediately?: boolean | undefined;
  readonly timestamp: string;
}

/** How far in the past a SubscribeUser's `startDate` may lie (clocks differ; a retry arrives late). */
export const START_DATE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The catalogue's commands and query (seed 002), as FlowMart defines them. Callers: the user
 * themself (their own `userId`), services and operators. An optional Idempotency-Key makes a retry
 * answer the first result.
 */
export async function subscribeUser<T>(
  deps: SubscriptionDeps,
  principal: Principal | undefined,
  command: SubscribeInput,
  idempotencyKey: string | undefined,
  view: (s: Subscription) => T,
): Promise<T> {
  const caller = actingFor(principal, command.userId);
  const now = deps.clock.now();
  const startAt = command.startDate ? new Date(command.startDate) : now;
  if (startAt.getTime() < now.getTime() - START_DATE_TOLERANCE_MS) {
    throw fieldError("startDate", "must not lie in the past (more than 5 minutes before now)");
  }
  const plan = await deps.store.plan(command.planId);
  if (!plan) throw fieldError("planId", "is not a plan of the catalogue");
  const request: ChangeRequest = {
    actor: caller,
    ...(idempotencyKey
      ? {
          idempotency: {
            scope: `catalog:${command.userId}`,
            key: idempotencyKey,
            requestHash: requestHash(command),
          },
        }
      : {}),
  };
  const subscriptionId = `sub_${deps.ids.next()}`;
  const { answer } = await deps.store.changeForUser(command.userId, request, (current) => {
    if (current && isLive(current)) throw new SubscriptionExistsError(current.subscriptionId);
    const effect = changes.start(
      {
        subscriptionId,
        userId: command.userId,
        plan,
        paymentMethod: command.paymentMethod,
        fulfilment: DIGITAL,
        source: "catalog",
        startAt: startAt.getTime() < now.getTime() ? now : startAt,
      },
      now,
    );
    return {
      effect,
      records: effectRecords(deps, effect),
      status: 201,
      answer: view(effect.subscriptions[0] as Subscription),
    };
  });
  return answer;
}

export async function cancelSubscription<T>(
  deps: SubscriptionDeps,
  principal: Principal | undefined,
  subscriptionId: string,
  command: CancelInput,
  idempotencyKey: string | undefined,
  view: (s: Subscription) => T,
): Promise<T> {
  if (command.subscriptionId !== subscriptionId) {
    throw fieldError("subscriptionId", "must be the subscription of the path");
  }
  const caller = actingFor(principal, command.userId);
  const request: ChangeRequest = {
    actor: caller,
    reason: command.reason ?? "user_request",
    ...(idempotencyKey
      ? {
          idempotency: {
            scope: `catalog:${command.userId}`,
            key: idempotencyKey,
            requestHash: requestHash(command),
          },
        }
      : {}),
  };
  const { answer } = await deps.store.changeById(subscriptionId, request, (current) => {
    // Someone else's subscription reads as none: a caller learns nothing of another user's.
    if (!current || current.userId !== command.userId)
      throw new NotFoundError("no such subscription for this user");
    const effect = changes.cancel(
      current,
      {
        effective: command.cancelImmediately ? "now" : "period_end",
        reason: command.reason ?? "user_request",
      },
      deps.clock.now(),
    );
    const after = effect.subscriptions[0] ?? current;
    return {
      effect,
      records: effectRecords(deps, effect),
      status: 200,
      answer: view(after),
    };
  });
  return answer;
}

/** GetSubscriptionStatus: the user's live subscription, else the last one that ended. */
export async function subscriptionStatus(
  deps: SubscriptionDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Subscription> {
  actingFor(principal, userId);
  const s = await deps.store.latestOf(userId);
  if (!s) throw new NotFoundError("this user has no subscription");
  return s;
}

/** A user acts only for themself; services and operators for anyone. The history's actor. */
function actingFor(principal: Principal | undefined, userId: string): string {
  const caller = requireKind(principal, ["user", "service", "operator"]);
  if (caller.kind === "user" && caller.id !== userId) {
    throw fieldError("userId", "must be your own user id");
  }
  return `${caller.kind}:${caller.id}`;
}
