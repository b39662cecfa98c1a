import type { StoreEnvironment } from "../../domain/store-subscription.ts";
import type { SandboxSubscription } from "./app-store-sandbox.state.ts";

export interface SandboxPurchase {
  readonly bundleId: string;
  readonly productId: string;
  readonly environment: StoreEnvironment;
  readonly periodMs: number;
  readonly now: Date;
  readonly appAccountToken?: string;
  /** Needed by a Production verifier: the app's Apple id. */
  readonly appAppleId?: number;
  /** The first period is an introductory free trial. */
  readonly freeTrial?: boolean;
}

/** A new subscription as the App Store records a first purchase: active, renewing, one transaction. */
export function subscriptionOf(purchase: SandboxPurchase, id: string): SandboxSubscription {
  const at = purchase.now.getTime();
  return {
    originalTransactionId: id,
    bundleId: purchase.bundleId,
    ...(purchase.appAppleId !== undefined ? { appAppleId: purchase.appAppleId } : {}),
    environment: purchase.environment === "production" ? "Production" : "Sandbox",
    productId: purchase.productId,
    subscriptionGroupIdentifier: `group.${purchase.bundleId}`,
    ...(purchase.appAccountToken ? { appAccountToken: purchase.appAccountToken } : {}),
    ownership: "PURCHASED",
    familyMembers: [],
    periodMs: purchase.periodMs,
    freeTrial: purchase.freeTrial ?? false,
    originalPurchaseDate: at,
    purchaseDate: at,
    expiresDate: at + purchase.periodMs,
    autoRenew: true,
    status: 1,
    transactions: [
      { transactionId: id, purchaseDate: at, expiresDate: at + purchase.periodMs, reason: "PURCHASE" },
    ],
  };
}
