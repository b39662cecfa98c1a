import type { z } from "zod";
import type {
  AppleStatusAnswer,
  GoogleStatusAnswer,
  SubscriptionOwnersAnswer,
  UserAccessAnswer,
  UserSubscriptionEntry,
  UserSubscriptionsAnswer,
} from "../../contracts/purchases/purchases.http.ts";
import type { PurchasesReportWire } from "../../contracts/purchases/reports.http.ts";
import { accessOf, type UserAccess } from "../domain/access.ts";
import type { Purchase } from "../domain/purchase.ts";
import type { SubscriptionOwners } from "../use-cases/operators/find-subscription-owners.use-case.ts";
import type { PurchasesReport } from "../use-cases/operators/purchases-report.query.ts";
import {
  COMPATIBILITY_GRACE_MS,
  type UserSubscription,
} from "../use-cases/status/user-subscriptions.query.ts";

const iso = (date: Date) => date.toISOString();

export function appleStatusView(purchase: Purchase, now: Date): z.infer<typeof AppleStatusAnswer>[number] {
  const access = accessOf(purchase, now);
  const endWithGrace =
    purchase.graceExpiresAt ?? new Date(purchase.expiresAt.getTime() + COMPATIBILITY_GRACE_MS);
  return {
    originalTransactionId: purchase.storeId,
    valid: now.getTime() <= purchase.expiresAt.getTime() + COMPATIBILITY_GRACE_MS,
    autoRenewStatus: purchase.autoRenew,
    gracePeriod: access.state === "GRACE_PERIOD",
    trialPeriod: purchase.freeTrial,
    start: iso(purchase.startAt),
    end: iso(purchase.expiresAt),
    endWithGracePeriod: iso(endWithGrace),
    product: purchase.productId,
    latestReceipt: null,
    state: access.state,
    access: access.access,
  };
}

export function googleStatusView(purchase: Purchase, now: Date): z.infer<typeof GoogleStatusAnswer> {
  const access = accessOf(purchase, now);
  return {
    subscriptionHasLapsed: !access.access,
    subscriptionExpiryDate: iso(purchase.expiresAt),
    state: access.state,
    access: access.access,
  };
}

export function userSubscriptionsView(
  items: readonly UserSubscription[],
): z.infer<typeof UserSubscriptionsAnswer> {
  return { subscriptions: items.map(userSubscriptionView) };
}

/** One entry of the user's list; also what `POST .../revalidate` answers. */
export function userSubscriptionView({
  purchase,
  access,
  valid,
  productName,
}: UserSubscription): z.infer<typeof UserSubscriptionEntry> {
  return {
    subscriptionId: purchase.storeId,
    from: iso(purchase.startAt),
    to: iso(purchase.expiresAt),
    ...(purchase.canceledAt ? { cancellationTimestamp: iso(purchase.canceledAt) } : {}),
    valid,
    gracePeriod: access.state === "GRACE_PERIOD",
    autoRenewing: purchase.autoRenew,
    productId: purchase.productId,
    softOptInProductName: productName,
    platform: purchase.platform,
    state: access.state,
    access: access.access,
  };
}

export function subscriptionOwnersView(owners: SubscriptionOwners): z.infer<typeof SubscriptionOwnersAnswer> {
  return {
    subscription_id: owners.storeId,
    store: owners.platform,
    user_ids: [...owners.userIds],
    ...(owners.subscription ? { state: userSubscriptionView(owners.subscription) } : {}),
  };
}

export function userAccessView(userId: string, answer: UserAccess): z.infer<typeof UserAccessAnswer> {
  return {
    userId,
    access: answer.access,
    ...(answer.accessUntil ? { accessUntil: iso(answer.accessUntil) } : {}),
    subscriptions: answer.subscriptions.map((s) => ({
      subscriptionId: s.subscriptionId,
      platform: s.platform,
      productId: s.productId,
      state: s.state,
      access: s.access,
      expiresAt: iso(s.expiresAt),
      ...(s.graceExpiresAt ? { graceExpiresAt: iso(s.graceExpiresAt) } : {}),
      autoRenew: s.autoRenew,
    })),
  };
}

/** The dashboard's purchases report as the contract answers it (contracts/purchases/reports.http.ts). */
export function purchasesReportView(report: PurchasesReport): PurchasesReportWire {
  return {
    as_of: report.asOf.toISOString(),
    days: report.days.length,
    read: report.read,
    truncated: report.truncated,
    by_store: report.byStore,
    daily: [...report.days],
  };
}
