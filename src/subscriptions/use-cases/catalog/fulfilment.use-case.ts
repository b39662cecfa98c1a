import { NotFoundError } from "../../../platform/errors/app.errors.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Fulfilment } from "../../domain/fulfilment.ts";
import type { FulfilmentSettings, Subscription } from "../../domain/subscription.ts";
import * as changes from "../../domain/subscription-changes.ts";
import { effectRecords } from "../records/effect-records.ts";
import type { SubscriptionDeps } from "../subscription.deps.ts";

/** The most fulfilments one answer lists. */
export const FULFILMENTS_LISTED = 100;

/**
 * Names how the subscription's next paid periods are delivered (seed 002's channels). The user
 * themself, services and operators; another user's subscription reads as none (404). The same
 * settings again change nothing; an ended subscription is 409.
 */
export async function setFulfilment<T>(
  deps: SubscriptionDeps,
  principal: Principal | undefined,
  subscriptionId: string,
  settings: FulfilmentSettings,
  view: (s: Subscription) => T,
): Promise<T> {
  const caller = requireKind(principal, ["user", "service", "operator"]);
  const request = { actor: `${caller.kind}:${caller.id}`, reason: `fulfilment ${settings.channel}` };
  const { answer } = await deps.store.changeById(subscriptionId, request, (current) => {
    if (!current || (caller.kind === "user" && current.userId !== caller.id)) {
      throw new NotFoundError("no such subscription for this user");
    }
    const effect = changes.changeFulfilment(current, settings);
    return {
      effect,
      records: effectRecords(deps, effect),
      status: 200,
      answer: view(effect.subscriptions[0] ?? current),
    };
  });
  return answer;
}

/** What each paid period of the subscription delivered, newest first. */
export async function listFulfilments(
  deps: SubscriptionDeps,
  principal: Principal | undefined,
  subscriptionId: string,
): Promise<Fulfilment[]> {
  const caller = requireKind(principal, ["user", "service", "operator"]);
  const s = await deps.store.byId(subscriptionId);
  if (!s || (caller.kind === "user" && s.userId !== caller.id)) {
    throw new NotFoundError("no such subscription for this user");
  }
  return deps.store.fulfilments(subscriptionId, FULFILMENTS_LISTED);
}
