import type { androidpublisher_v3 } from "@googleapis/androidpublisher";
import type { SandboxPurchase } from "./play-store-sandbox.state.ts";

/**
 * A sandbox purchase as subscriptionsv2.get answers it, with the fields Google sets for that state
 * (developers.google.com/android-publisher/api-ref/rest/v3/purchases.subscriptionsv2). A revoked one
 * answers EXPIRED, as Play does: v2 has no revoked state.
 */
export function toSubscriptionPurchaseV2(
  purchase: SandboxPurchase,
): androidpublisher_v3.Schema$SubscriptionPurchaseV2 {
  const pending = purchase.state === "PENDING";
  return {
    kind: "androidpublisher#subscriptionPurchaseV2",
    regionCode: "GB",
    ...(pending ? {} : { startTime: purchase.startTime }),
    subscriptionState: `SUBSCRIPTION_STATE_${purchase.state}`,
    acknowledgementState: purchase.acknowledged
      ? "ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED"
      : "ACKNOWLEDGEMENT_STATE_PENDING",
    ...(purchase.linkedPurchaseToken ? { linkedPurchaseToken: purchase.linkedPurchaseToken } : {}),
    ...(purchase.obfuscatedExternalAccountId
      ? { externalAccountIdentifiers: { obfuscatedExternalAccountId: purchase.obfuscatedExternalAccountId } }
      : {}),
    ...canceledContext(purchase),
    ...(purchase.state === "IN_GRACE_PERIOD" ? { inGracePeriodStateContext: {} } : {}),
    ...(purchase.state === "ON_HOLD" ? { onHoldStateContext: {} } : {}),
    ...(purchase.state === "PAUSED" ? { pausedStateContext: {} } : {}),
    ...(purchase.testPurchase ? { testPurchase: {} } : {}),
    lineItems: [
      {
        productId: purchase.productId,
        expiryTime: purchase.expiryTime,
        autoRenewingPlan: { autoRenewEnabled: purchase.autoRenew },
        offerDetails: { basePlanId: purchase.basePlanId },
        offerPhase: { basePrice: {} },
      },
    ],
    etag: `${purchase.token.slice(0, 6)}-${Date.parse(purchase.expiryTime)}`,
  };
}

function canceledContext(purchase: SandboxPurchase): androidpublisher_v3.Schema$SubscriptionPurchaseV2 {
  if (purchase.state !== "CANCELED" && purchase.state !== "EXPIRED") return {};
  if (purchase.replacedBy) return { canceledStateContext: { replacementCancellation: {} } };
  if (purchase.canceledAt)
    return { canceledStateContext: { userInitiatedCancellation: { cancelTime: purchase.canceledAt } } };
  return {};
}
