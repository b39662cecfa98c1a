import { ValidationError } from "../../../platform/errors/app.errors.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { decide, type MembershipOperation } from "../../domain/membership-lifecycle.ts";
import type { FloatService } from "../../ports/float-service.port.ts";
import type { MembershipRepository } from "../../ports/membership.repository.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import type { BillingPeriod, SubscriptionService } from "../../ports/subscription-service.port.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { floatRefusal } from "./float-balance.policy.ts";
import { currentOffer, rankOf } from "./membership-catalogue.query.ts";
import { loadChange } from "./membership-decision.engine.ts";
import { upgradeFee } from "./upgrade-fee.policy.ts";

/** The changes whose consequences an operator (or the user) sees before making them. */
export const PREVIEWED_CHANGES = [
  "upgrade",
  "downgrade",
  "cancel",
] as const satisfies readonly MembershipOperation[];
export type PreviewedChange = (typeof PREVIEWED_CHANGES)[number];

export interface PreviewDeps {
  readonly users: UserRepository;
  readonly memberships: MembershipRepository;
  readonly catalog: MembershipCatalog;
  readonly subscriptions: SubscriptionService;
  readonly floats: FloatService;
  readonly clock: Clock;
}

/** What a change would do now, decided by the same rules the change itself applies. */
export interface MembershipPreview {
  readonly change: PreviewedChange;
  /** Whether the change would go through now (for this caller); else `refusal` says why, as it would. */
  readonly allowed: boolean;
  readonly refusal?: string;
  readonly fromTier?: string;
  readonly toTier?: string;
  /** `now` (an upgrade) or the end of the current period (a downgrade, a cancellation). */
  readonly effective?: "now" | string;
  /** The period the change falls in, as the Subscription Service bills it. */
  readonly period?: BillingPeriod;
  /** What the change charges now: the prorated upgrade fee (0 for employees); nothing otherwise. */
  readonly chargeNowCents: number;
  /** What each renewal bills after the change. */
  readonly renewalPriceCents?: number;
  readonly currency?: string;
  /** What the user owes the Float Service: a cancellation is refused while it is more than 0. */
  readonly floatBalanceCents?: number;
}

/**
 * GET /{user_id}/membership/preview/{change}: what an upgrade, a downgrade or a cancellation would do
 * now, without doing it: the lifecycle's answer for this caller, the tier's rank and offer, the prorated
 * fee of an upgrade (the very policy the upgrade charges by), when a downgrade or cancellation takes
 * effect, and the float balance that refuses a cancellation. Read-only: nothing is charged or written.
 */
export async function previewMembershipChange(
  deps: PreviewDeps,
  principal: Principal | undefined,
  userId: string,
  change: PreviewedChange,
  tier: string | undefined,
): Promise<MembershipPreview> {
  const caller = requireSelfOr(principal, userId);
  if (change !== "cancel" && !tier) {
    throw new ValidationError([
      { path: "membership_tier", message: "required to preview an upgrade or a downgrade" },
    ]);
  }
  const loaded = await loadChange(deps, userId);
  const { user, membership } = loaded;
  const decision = decide(change, caller.kind, { userStatus: user.user_status, membership });
  const base = {
    change,
    chargeNowCents: 0,
    ...(membership ? { fromTier: membership.membership_tier } : {}),
  };
  if (!decision.ok || !membership) {
    return {
      ...base,
      allowed: false,
      refusal: decision.ok ? "the user has no membership yet" : decision.reason,
    };
  }
  const period = await deps.subscriptions.currentPeriod(userId);
  if (change === "cancel") {
    const balance = await deps.floats.outstandingBalance(userId);
    const refusal = floatRefusal(balance, "cancel");
    return {
      ...base,
      allowed: refusal === undefined,
      ...(refusal ? { refusal } : {}),
      effective: period.end,
      period,
      currency: period.currency,
      floatBalanceCents: balance.amountCents,
    };
  }
  const target = await currentOffer(deps.catalog, tier as string, membership.membership_term);
  const rank = await rankOf(deps.catalog, membership);
  const wrongWay = change === "upgrade" ? target.rank <= rank : target.rank >= rank;
  const changed = {
    ...base,
    toTier: target.tier,
    period,
    renewalPriceCents: target.priceCents,
    currency: target.currency,
  };
  if (wrongWay) {
    const way = change === "upgrade" ? "above" : "below";
    return {
      ...changed,
      allowed: false,
      refusal: `membership_tier ${target.tier} does not rank ${way} ${membership.membership_tier}; ${change === "upgrade" ? "an upgrade" : "a downgrade"} must`,
    };
  }
  if (change === "downgrade") return { ...changed, allowed: true, effective: period.end };
  return {
    ...changed,
    allowed: true,
    effective: "now",
    chargeNowCents: upgradeFee(user, period, target.priceCents, deps.clock.now()),
  };
}
