import {
  AutoRenewStatus,
  InAppOwnershipType,
  type JWSRenewalInfoDecodedPayload,
  type JWSTransactionDecodedPayload,
  OfferDiscountType,
  OfferType,
  Status,
} from "@apple/app-store-server-library";
import { StoreApiError } from "../../domain/store-api.errors.ts";
import type { StoreState, StoreSubscription } from "../../domain/store-subscription.ts";
import { storeEnvironmentOf } from "./apple-signed-data.verifiers.ts";

/** What `getAllSubscriptionStatuses` says of one subscription, its two signed items verified and decoded. */
export interface AppStoreSubscriptionStatus {
  readonly transaction: JWSTransactionDecodedPayload;
  readonly renewal: JWSRenewalInfoDecodedPayload;
  /** The lastTransactions item's `status` (the library's `Status`). */
  readonly status: Status | number;
}

const STATES: Record<Status, StoreState> = {
  [Status.ACTIVE]: "ACTIVE",
  [Status.EXPIRED]: "EXPIRED",
  [Status.BILLING_RETRY]: "BILLING_RETRY",
  [Status.BILLING_GRACE_PERIOD]: "GRACE_PERIOD",
  [Status.REVOKED]: "REVOKED",
};

/**
 * Apple's latest transaction and renewal info to the store's state, normalised:
 * - a transaction with a revocationDate is REVOKED whatever the status says (a refund);
 * - `canceledAt`: the revocationDate; else, with renewal off, the renewal info's signedDate. Apple does not
 *   say when renewal was turned off: the signedDate is the latest time it is known to be off (it moves to
 *   each fetch's time), and the stored record may keep the first one it saw;
 * - `freeTrial`: the offer's discount type is FREE_TRIAL; transactions older than offerDiscountType
 *   (2024) count an introductory offer at price 0 as one;
 * - `billingPeriod` is left out: Apple's transaction does not say the product's period.
 * A missing field the state cannot do without is a terminal StoreApiError naming it.
 */
export function appStoreSubscriptionOf(input: AppStoreSubscriptionStatus): StoreSubscription {
  const { transaction, renewal } = input;
  const autoRenew = renewal.autoRenewStatus === AutoRenewStatus.ON;
  const canceledAt = transaction.revocationDate ?? (autoRenew ? undefined : renewal.signedDate);
  const environment = storeEnvironmentOf(transaction.environment);
  if (!environment) throw missing("environment (Production or Sandbox)");
  return {
    platform: "apple",
    storeId: need(transaction.originalTransactionId, "originalTransactionId"),
    app: need(transaction.bundleId, "bundleId"),
    environment,
    productId: need(transaction.productId, "productId"),
    state: stateOf(input),
    startAt: new Date(need(transaction.originalPurchaseDate, "originalPurchaseDate")),
    expiresAt: new Date(need(transaction.expiresDate, "expiresDate")),
    ...(renewal.gracePeriodExpiresDate !== undefined
      ? { graceExpiresAt: new Date(renewal.gracePeriodExpiresDate) }
      : {}),
    autoRenew,
    ...(canceledAt !== undefined ? { canceledAt: new Date(canceledAt) } : {}),
    freeTrial: isFreeTrial(transaction),
    ownership:
      transaction.inAppOwnershipType === InAppOwnershipType.FAMILY_SHARED ? "FAMILY_SHARED" : "PURCHASED",
    ...(transaction.appAccountToken ? { accountToken: transaction.appAccountToken } : {}),
    signedAt: new Date(Math.max(need(transaction.signedDate, "signedDate"), renewal.signedDate ?? 0)),
  };
}

function stateOf(input: AppStoreSubscriptionStatus): StoreState {
  if (input.transaction.revocationDate !== undefined) return "REVOKED";
  const state = (STATES as Partial<Record<number, StoreState>>)[input.status];
  if (!state)
    throw new StoreApiError(
      `the App Store answered a subscription status this version does not know: ${input.status}`,
      {
        retryable: false,
      },
    );
  return state;
}

function isFreeTrial(transaction: JWSTransactionDecodedPayload): boolean {
  if (transaction.offerDiscountType !== undefined)
    return transaction.offerDiscountType === OfferDiscountType.FREE_TRIAL;
  return transaction.offerType === OfferType.INTRODUCTORY_OFFER && transaction.price === 0;
}

function need<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === null || value === "") throw missing(field);
  return value;
}

function missing(field: string): StoreApiError {
  return new StoreApiError(`the App Store's signed transaction has no ${field}`, { retryable: false });
}
