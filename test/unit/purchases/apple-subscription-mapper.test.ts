import type {
  JWSRenewalInfoDecodedPayload,
  JWSTransactionDecodedPayload,
} from "@apple/app-store-server-library";
import { describe, expect, it } from "vitest";
import { appStoreSubscriptionOf } from "../../../src/purchases/adapters/apple/app-store-subscription.mapper.ts";
import { StoreApiError } from "../../../src/purchases/domain/store-api.errors.ts";

const DAY = 86_400_000;
const START = Date.parse("2026-03-01T10:00:00Z");

const TRANSACTION: JWSTransactionDecodedPayload = {
  originalTransactionId: "2000000111",
  transactionId: "2000000222",
  bundleId: "com.roster.app",
  productId: "roster.premium.monthly",
  originalPurchaseDate: START,
  purchaseDate: START + 30 * DAY,
  expiresDate: START + 60 * DAY,
  inAppOwnershipType: "PURCHASED",
  appAccountToken: "6a1f1f9e-7d1b-4c1e-9a34-2b0c3f0d9e11",
  environment: "Sandbox",
  signedDate: START + 31 * DAY,
  price: 4990,
};

const RENEWAL: JWSRenewalInfoDecodedPayload = {
  originalTransactionId: "2000000111",
  productId: "roster.premium.monthly",
  autoRenewStatus: 1,
  environment: "Sandbox",
  signedDate: START + 32 * DAY,
};

describe("an App Store subscription status to the store's state", () => {
  it("reads an active, renewing subscription", () => {
    const state = appStoreSubscriptionOf({ transaction: TRANSACTION, renewal: RENEWAL, status: 1 });

    expect(state).toEqual({
      platform: "apple",
      storeId: "2000000111",
      app: "com.roster.app",
      environment: "sandbox",
      productId: "roster.premium.monthly",
      state: "ACTIVE",
      startAt: new Date(START),
      expiresAt: new Date(START + 60 * DAY),
      autoRenew: true,
      freeTrial: false,
      ownership: "PURCHASED",
      accountToken: "6a1f1f9e-7d1b-4c1e-9a34-2b0c3f0d9e11",
      signedAt: new Date(START + 32 * DAY),
    });
  });

  it.each([
    [2, "EXPIRED"],
    [3, "BILLING_RETRY"],
    [4, "GRACE_PERIOD"],
    [5, "REVOKED"],
  ])("maps status %i to %s", (status, expected) => {
    expect(appStoreSubscriptionOf({ transaction: TRANSACTION, renewal: RENEWAL, status }).state).toBe(
      expected,
    );
  });

  it("is revoked by a revocationDate whatever the status, cancelled then", () => {
    const revokedAt = START + 40 * DAY;

    const state = appStoreSubscriptionOf({
      transaction: { ...TRANSACTION, revocationDate: revokedAt, revocationReason: 0 },
      renewal: { ...RENEWAL, autoRenewStatus: 0 },
      status: 1,
    });

    expect(state).toMatchObject({ state: "REVOKED", canceledAt: new Date(revokedAt), autoRenew: false });
  });

  it("dates a cancellation by the renewal info's signedDate when renewal is off", () => {
    const state = appStoreSubscriptionOf({
      transaction: TRANSACTION,
      renewal: { ...RENEWAL, autoRenewStatus: 0 },
      status: 1,
    });

    expect(state).toMatchObject({
      state: "ACTIVE",
      autoRenew: false,
      canceledAt: new Date(START + 32 * DAY),
    });
  });

  it("carries the grace period's end", () => {
    const graceEnd = START + 76 * DAY;

    const state = appStoreSubscriptionOf({
      transaction: TRANSACTION,
      renewal: { ...RENEWAL, gracePeriodExpiresDate: graceEnd, isInBillingRetryPeriod: true },
      status: 4,
    });

    expect(state).toMatchObject({ state: "GRACE_PERIOD", graceExpiresAt: new Date(graceEnd) });
  });

  it("knows a free trial by its offer discount type, or an old introductory offer at price 0", () => {
    const trial = { ...TRANSACTION, offerType: 1, offerDiscountType: "FREE_TRIAL", price: 0 };
    const oldTrial = { ...TRANSACTION, offerType: 1, price: 0 };
    const paidIntro = { ...TRANSACTION, offerType: 1, offerDiscountType: "PAY_UP_FRONT", price: 990 };

    const freeTrials = [trial, oldTrial, paidIntro].map(
      (transaction) => appStoreSubscriptionOf({ transaction, renewal: RENEWAL, status: 1 }).freeTrial,
    );

    expect(freeTrials).toEqual([true, true, false]);
  });

  it("reads a family member's entry, production, with the transaction's signedDate when it is newer", () => {
    const state = appStoreSubscriptionOf({
      transaction: {
        ...TRANSACTION,
        inAppOwnershipType: "FAMILY_SHARED",
        environment: "Production",
        signedDate: START + 33 * DAY,
      },
      renewal: { ...RENEWAL, environment: "Production" },
      status: 1,
    });

    expect(state).toMatchObject({
      ownership: "FAMILY_SHARED",
      environment: "production",
      signedAt: new Date(START + 33 * DAY),
    });
  });

  it("refuses a transaction without an expiresDate, naming the field", () => {
    const { expiresDate: _, ...transaction } = TRANSACTION;

    const mapping = () => appStoreSubscriptionOf({ transaction, renewal: RENEWAL, status: 1 });

    expect(mapping).toThrow(StoreApiError);
    expect(mapping).toThrow(/expiresDate/);
  });

  it("refuses a status this version does not know", () => {
    expect(() => appStoreSubscriptionOf({ transaction: TRANSACTION, renewal: RENEWAL, status: 9 })).toThrow(
      /status .* 9/,
    );
  });
});
