import type { Membership } from "../../domain/membership.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";

/**
 * Withdraws a pending downgrade: the Subscription Service has no "withdraw", so its `upgrade` to the
 * tier the membership holds (which withdraws a pending downgrade and changes nothing else) stands in.
 * Used by a retraction and by a downgrade that lost its race.
 */
export async function withdrawDowngrade(
  deps: { readonly subscriptions: SubscriptionService },
  held: Membership,
  idempotencyKey: string,
): Promise<void> {
  const userId = held.membership_user_id;
  const period = await deps.subscriptions.currentPeriod(userId);
  await deps.subscriptions.upgrade(userId, {
    tier: held.membership_tier,
    tierVersion: held.membership_tier_version,
    priceCents: period.priceCents,
    idempotencyKey,
  });
}
