import { createHash } from "node:crypto";
import type { Purchase } from "../../domain/purchase.ts";
import type { Platform } from "../../domain/store-subscription.ts";
import type { UserLink } from "../../domain/user-link.ts";
import type { ExportRecord } from "../../ports/export.port.ts";
import type { LoggedNotification } from "../../ports/notification-log.port.ts";

/**
 * Google's purchase token is a credential of a kind (with Roster's service account it reads and acknowledges
 * the purchase): exports and snapshots carry its SHA-256 instead, the same in every table, so rows still
 * join. Apple's originalTransactionId is an id, not a credential, and is kept.
 */
export function exportedStoreId(platform: Platform, storeId: string): string {
  return platform === "google" ? `sha256:${createHash("sha256").update(storeId).digest("hex")}` : storeId;
}

/** `google:{token}` becomes `google:sha256:{digest}`; `apple:{id}` stays. */
export function exportedSubscriptionId(subscriptionId: string): string {
  const colon = subscriptionId.indexOf(":");
  const platform = subscriptionId.slice(0, colon);
  if (platform !== "google") return subscriptionId;
  return `google:${exportedStoreId("google", subscriptionId.slice(colon + 1))}`;
}

const iso = (date: Date | undefined) => (date ? date.toISOString() : null);

/** A subscription without its tokens: no account token (it names the user), Google tokens digested. */
export function exportedPurchase(purchase: Purchase): ExportRecord {
  return {
    subscriptionId: exportedSubscriptionId(purchase.subscriptionId),
    platform: purchase.platform,
    app: purchase.app,
    environment: purchase.environment,
    productId: purchase.productId,
    state: purchase.state,
    startAt: iso(purchase.startAt),
    expiresAt: iso(purchase.expiresAt),
    graceExpiresAt: iso(purchase.graceExpiresAt),
    autoRenew: purchase.autoRenew,
    canceledAt: iso(purchase.canceledAt),
    freeTrial: purchase.freeTrial,
    billingPeriod: purchase.billingPeriod ?? null,
    ownership: purchase.ownership,
    linkedFrom: purchase.linkedPurchaseToken ? exportedStoreId("google", purchase.linkedPurchaseToken) : null,
    replacedBy: purchase.replacedBy ? exportedSubscriptionId(purchase.replacedBy) : null,
    signedAt: iso(purchase.signedAt),
    fetchedAt: iso(purchase.fetchedAt),
    version: purchase.version,
  };
}

export function exportedLink(link: UserLink): ExportRecord {
  return {
    userId: link.userId,
    subscriptionId: exportedSubscriptionId(link.subscriptionId),
    source: link.source,
    creationTimestamp: iso(link.createdAt),
  };
}

/** A notification as recorded: what the store said, never its signed payload (Roster keeps none). */
export function exportedEvent(event: LoggedNotification): ExportRecord {
  return {
    platform: event.platform,
    notificationId:
      event.platform === "google" && event.storeId
        ? event.notificationId.replace(event.storeId, exportedStoreId("google", event.storeId))
        : event.notificationId,
    type: event.type,
    app: event.app,
    environment: event.environment,
    sentAt: iso(event.sentAt),
    receivedAt: iso(event.receivedAt),
    outcome: event.outcome,
    subscriptionId: event.storeId ? exportedSubscriptionId(`${event.platform}:${event.storeId}`) : null,
    productId: event.productId ?? null,
    note: event.note ?? null,
  };
}
