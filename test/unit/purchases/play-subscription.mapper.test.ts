import { describe, expect, it } from "vitest";
import {
  type SubscriptionPurchaseV2,
  toStoreSubscription,
} from "../../../src/purchases/adapters/google/play-subscription.mapper.ts";
import { StoreApiError } from "../../../src/purchases/domain/store-api.errors.ts";

const fetchedAt = new Date("2026-12-10T12:00:00Z");
const context = { packageName: "dev.roster.app", purchaseToken: "token-1", fetchedAt };

function purchase(overrides: SubscriptionPurchaseV2 = {}): SubscriptionPurchaseV2 {
  return {
    kind: "androidpublisher#subscriptionPurchaseV2",
    startTime: "2026-12-01T12:00:00Z",
    subscriptionState: "SUBSCRIPTION_STATE_ACTIVE",
    acknowledgementState: "ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED",
    lineItems: [
      {
        productId: "premium",
        expiryTime: "2027-01-01T12:00:00Z",
        autoRenewingPlan: { autoRenewEnabled: true },
        offerDetails: { basePlanId: "monthly" },
        offerPhase: { basePrice: {} },
      },
    ],
    ...overrides,
  };
}

describe("a SubscriptionPurchaseV2 as Roster's store subscription", () => {
  it("maps an active, acknowledged production purchase", () => {
    expect(toStoreSubscription(purchase(), context)).toEqual({
      platform: "google",
      storeId: "token-1",
      app: "dev.roster.app",
      environment: "production",
      productId: "premium",
      state: "ACTIVE",
      startAt: new Date("2026-12-01T12:00:00Z"),
      expiresAt: new Date("2027-01-01T12:00:00Z"),
      autoRenew: true,
      freeTrial: false,
      ownership: "PURCHASED",
      needsAcknowledgement: false,
      signedAt: fetchedAt,
    });
  });

  it.each([
    ["SUBSCRIPTION_STATE_IN_GRACE_PERIOD", "GRACE_PERIOD"],
    ["SUBSCRIPTION_STATE_ON_HOLD", "BILLING_RETRY"],
    ["SUBSCRIPTION_STATE_PAUSED", "PAUSED"],
    ["SUBSCRIPTION_STATE_PENDING", "PENDING"],
    ["SUBSCRIPTION_STATE_EXPIRED", "EXPIRED"],
    ["SUBSCRIPTION_STATE_PENDING_PURCHASE_CANCELED", "EXPIRED"],
  ])("maps %s to %s", (subscriptionState, state) => {
    expect(toStoreSubscription(purchase({ subscriptionState }), context).state).toBe(state);
  });

  it("keeps a cancelled subscription active until its expiry, with renewal off and the cancel time", () => {
    const canceled = purchase({
      subscriptionState: "SUBSCRIPTION_STATE_CANCELED",
      canceledStateContext: { userInitiatedCancellation: { cancelTime: "2026-12-05T08:00:00Z" } },
    });

    expect(toStoreSubscription(canceled, context)).toMatchObject({
      state: "ACTIVE",
      autoRenew: false,
      canceledAt: new Date("2026-12-05T08:00:00Z"),
    });
    const later = { ...context, fetchedAt: new Date("2027-01-02T00:00:00Z") };
    expect(toStoreSubscription(canceled, later).state).toBe("EXPIRED");
  });

  it("takes the latest line item's expiry and product, and renewal from any item", () => {
    const items = purchase({
      lineItems: [
        {
          productId: "addon",
          expiryTime: "2026-12-20T00:00:00Z",
          autoRenewingPlan: { autoRenewEnabled: false },
        },
        {
          productId: "premium",
          expiryTime: "2027-02-01T00:00:00Z",
          autoRenewingPlan: { autoRenewEnabled: true },
        },
      ],
    });

    expect(toStoreSubscription(items, context)).toMatchObject({
      productId: "premium",
      expiresAt: new Date("2027-02-01T00:00:00Z"),
      autoRenew: true,
    });
  });

  it("reads a test purchase in a free trial, pending acknowledgement, linked and with an account token", () => {
    const trial = purchase({
      testPurchase: {},
      acknowledgementState: "ACKNOWLEDGEMENT_STATE_PENDING",
      linkedPurchaseToken: "token-0",
      externalAccountIdentifiers: { obfuscatedExternalAccountId: "acct-1" },
      lineItems: [
        { productId: "premium", expiryTime: "2026-12-08T12:00:00Z", offerPhase: { freeTrial: {} } },
      ],
    });

    expect(toStoreSubscription(trial, context)).toMatchObject({
      environment: "sandbox",
      freeTrial: true,
      needsAcknowledgement: true,
      linkedPurchaseToken: "token-0",
      accountToken: "acct-1",
      autoRenew: false,
    });
  });

  it("dates a pending purchase without start or expiry by the fetch", () => {
    const pending = purchase({
      subscriptionState: "SUBSCRIPTION_STATE_PENDING",
      startTime: null,
      lineItems: [{ productId: "premium" }],
    });

    expect(toStoreSubscription(pending, context)).toMatchObject({ startAt: fetchedAt, expiresAt: fetchedAt });
  });

  it("gives the grace period's end in grace", () => {
    const grace = purchase({ subscriptionState: "SUBSCRIPTION_STATE_IN_GRACE_PERIOD" });

    expect(toStoreSubscription(grace, context).graceExpiresAt).toEqual(new Date("2027-01-01T12:00:00Z"));
  });

  it("refuses, terminally, an unknown state and an answer without line items", () => {
    const unknown = () =>
      toStoreSubscription(purchase({ subscriptionState: "SUBSCRIPTION_STATE_UNSPECIFIED" }), context);
    const empty = () => toStoreSubscription(purchase({ lineItems: [] }), context);

    expect(unknown).toThrow(StoreApiError);
    expect(unknown).toThrow(/SUBSCRIPTION_STATE_UNSPECIFIED/);
    expect(empty).toThrow(/without line items/);
  });
});
