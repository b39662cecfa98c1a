import type {
  JWSRenewalInfoDecodedPayload,
  JWSTransactionDecodedPayload,
  LastTransactionsItem,
  NotificationTypeV2,
  ResponseBodyV2DecodedPayload,
  Subtype,
} from "@apple/app-store-server-library";
import type { SandboxEnvironment, SandboxSubscription } from "./app-store-sandbox.state.ts";
import type { AppleJwsSigner } from "./apple-jws.signer.ts";

/**
 * The payloads Apple would sign for a sandbox subscription, as of `now` (their signedDate): the latest
 * transaction, the renewal info, a notification, a lastTransactions item. Field names and values follow
 * the library's models (JWSTransactionDecodedPayload, JWSRenewalInfoDecodedPayload).
 */
export function transactionPayload(sub: SandboxSubscription, now: Date): JWSTransactionDecodedPayload {
  const latest = sub.transactions[sub.transactions.length - 1];
  return {
    transactionId: latest?.transactionId ?? sub.originalTransactionId,
    originalTransactionId: sub.originalTransactionId,
    webOrderLineItemId: `${latest?.transactionId ?? sub.originalTransactionId}0`,
    bundleId: sub.bundleId,
    productId: sub.productId,
    subscriptionGroupIdentifier: sub.subscriptionGroupIdentifier,
    purchaseDate: sub.purchaseDate,
    originalPurchaseDate: sub.originalPurchaseDate,
    expiresDate: sub.expiresDate,
    quantity: 1,
    type: "Auto-Renewable Subscription",
    ...(sub.appAccountToken ? { appAccountToken: sub.appAccountToken } : {}),
    inAppOwnershipType: sub.ownership,
    signedDate: now.getTime(),
    ...(sub.revocationDate !== undefined ? { revocationDate: sub.revocationDate, revocationReason: 0 } : {}),
    ...(sub.freeTrial && sub.transactions.length === 1
      ? { offerType: 1, offerDiscountType: "FREE_TRIAL", price: 0 }
      : { price: 4990 }),
    environment: sub.environment,
    transactionReason: latest?.reason ?? "PURCHASE",
    storefront: "USA",
    storefrontId: "143441",
    currency: "USD",
  };
}

export function renewalPayload(sub: SandboxSubscription, now: Date): JWSRenewalInfoDecodedPayload {
  const retrying = sub.status === 3 || sub.status === 4;
  return {
    originalTransactionId: sub.originalTransactionId,
    autoRenewProductId: sub.productId,
    productId: sub.productId,
    autoRenewStatus: sub.autoRenew ? 1 : 0,
    isInBillingRetryPeriod: retrying,
    ...(sub.gracePeriodExpiresDate !== undefined
      ? { gracePeriodExpiresDate: sub.gracePeriodExpiresDate }
      : {}),
    // 1: the customer turned renewal off; 2: billing failed (renewal was still on when it ended).
    ...(sub.status === 2 ? { expirationIntent: sub.autoRenew ? 2 : 1 } : {}),
    signedDate: now.getTime(),
    environment: sub.environment,
    recentSubscriptionStartDate: sub.originalPurchaseDate,
    ...(sub.autoRenew ? { renewalDate: sub.expiresDate } : {}),
    ...(sub.appAccountToken ? { appAccountToken: sub.appAccountToken } : {}),
  };
}

export async function lastTransactionItem(
  signer: AppleJwsSigner,
  sub: SandboxSubscription,
  now: Date,
): Promise<LastTransactionsItem> {
  return {
    status: sub.status,
    originalTransactionId: sub.originalTransactionId,
    signedTransactionInfo: await signer.signTransaction(transactionPayload(sub, now)),
    signedRenewalInfo: await signer.signRenewalInfo(renewalPayload(sub, now)),
  };
}

export interface NotificationFacts {
  readonly notificationUUID: string;
  readonly type: NotificationTypeV2 | string;
  readonly subtype?: Subtype | string;
  readonly bundleId: string;
  readonly appAppleId?: number;
  readonly environment: SandboxEnvironment;
  /** Absent for a TEST notification. */
  readonly subscription?: SandboxSubscription;
}

export async function notificationPayload(
  signer: AppleJwsSigner,
  facts: NotificationFacts,
  now: Date,
): Promise<ResponseBodyV2DecodedPayload> {
  const sub = facts.subscription;
  const item = sub ? await lastTransactionItem(signer, sub, now) : undefined;
  return {
    notificationType: facts.type,
    ...(facts.subtype ? { subtype: facts.subtype } : {}),
    notificationUUID: facts.notificationUUID,
    version: "2.0",
    signedDate: now.getTime(),
    data: {
      bundleId: facts.bundleId,
      ...(facts.appAppleId !== undefined ? { appAppleId: facts.appAppleId } : {}),
      bundleVersion: "1",
      environment: facts.environment,
      ...(item
        ? {
            signedTransactionInfo: item.signedTransactionInfo,
            signedRenewalInfo: item.signedRenewalInfo,
            status: item.status,
          }
        : {}),
    },
  };
}
