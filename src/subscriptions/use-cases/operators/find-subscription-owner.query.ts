import { NotFoundError } from "../../../platform/errors/app.errors.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Subscription } from "../../domain/subscription.ts";
import type { SubscriptionDeps } from "../subscription.deps.ts";

/**
 * GET /subscriptions/owners?subscription_id=: whose subscription an id is, for the console's search by
 * subscription id. Services and operators only; an unknown id is 404.
 */
export async function findSubscriptionOwner(
  deps: SubscriptionDeps,
  principal: Principal | undefined,
  subscriptionId: string,
): Promise<Subscription> {
  requireKind(principal, ["service", "operator"]);
  const s = await deps.store.byId(subscriptionId);
  if (!s) throw new NotFoundError("no subscription has this id");
  return s;
}
