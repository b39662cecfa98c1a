import { describe, expect, it } from "vitest";
import { decodePubSubPush } from "../../../src/purchases/adapters/google/developer-notification.decoder.ts";
import { InvalidNotificationError } from "../../../src/purchases/domain/notification.errors.ts";

const PACKAGE = "dev.roster.app";
const TOKEN = "opaque-purchase-token-0123456789";
const options = { packageNames: [PACKAGE] };
const base64 = (value: string) => Buffer.from(value, "utf8").toString("base64");

function push(notification: Record<string, unknown>, data?: string) {
  return {
    message: {
      data:
        data ??
        base64(
          JSON.stringify({
            version: "1.0",
            packageName: PACKAGE,
            eventTimeMillis: "1796126400000",
            ...notification,
          }),
        ),
      messageId: "136969346945",
      attributes: {},
      publishTime: "2026-12-01T12:00:00.000Z",
    },
    subscription: "projects/roster/subscriptions/play-rtdn",
  };
}

const decode = (body: unknown) => decodePubSubPush(body, options);
const refusal = (body: unknown) => {
  try {
    decode(body);
  } catch (error) {
    return error;
  }
  throw new Error("decoded");
};

describe("decoding a Pub/Sub push of a DeveloperNotification", () => {
  it("reads a subscription notification as a fetch of its purchase token", () => {
    const body = push({
      subscriptionNotification: {
        version: "1.0",
        notificationType: 2,
        purchaseToken: TOKEN,
        subscriptionId: "premium",
      },
    });

    expect(decode(body)).toEqual({
      platform: "google",
      notificationId: "136969346945",
      type: "SUBSCRIPTION_RENEWED",
      app: PACKAGE,
      environment: "production",
      sentAt: new Date(1796126400000),
      storeId: TOKEN,
      productId: "premium",
      outcome: "fetch",
    });
  });

  it("fetches for a type number it does not know, naming it by its number", () => {
    const body = push({ subscriptionNotification: { notificationType: 17, purchaseToken: TOKEN } });

    expect(decode(body)).toMatchObject({ type: "SUBSCRIPTION_UNKNOWN_17", outcome: "fetch", storeId: TOKEN });
  });

  it("fetches for a voided subscription and only records a voided one-time product", () => {
    const voided = (productType: number) =>
      push({
        voidedPurchaseNotification: { purchaseToken: TOKEN, orderId: "GPA.1", productType, refundType: 1 },
      });

    expect(decode(voided(1))).toMatchObject({ type: "VOIDED_PURCHASE", outcome: "fetch", storeId: TOKEN });
    expect(decode(voided(2))).toMatchObject({ type: "VOIDED_PURCHASE", outcome: "record" });
    expect(decode(voided(2)).storeId).toBeUndefined();
  });

  it.each([
    [{ testNotification: { version: "1.0" } }, "TEST_NOTIFICATION"],
    [
      {
        oneTimeProductNotification: {
          version: "1.0",
          notificationType: 1,
          purchaseToken: TOKEN,
          sku: "coins",
        },
      },
      "ONE_TIME_PRODUCT_PURCHASED",
    ],
    [{ oneTimeProductNotification: { notificationType: 2, sku: "coins" } }, "ONE_TIME_PRODUCT_CANCELED"],
    [
      { pendingRefundReviewNotification: { version: "1.0", pendingRefundToken: "r", orderId: "GPA.2" } },
      "PENDING_REFUND_REVIEW",
    ],
  ])("records %o as %s, with nothing to fetch", (notification, type) => {
    const decoded = decode(push(notification));

    expect(decoded).toMatchObject({ type, outcome: "record" });
    expect(decoded.storeId).toBeUndefined();
  });

  it("refuses a notification of a package it does not serve, naming the package", () => {
    const body = push({ packageName: "com.other.app", testNotification: {} });

    expect(refusal(body)).toBeInstanceOf(InvalidNotificationError);
    expect(String(refusal(body))).toContain("com.other.app");
  });

  it("refuses data that is not base64, and base64 that is not JSON", () => {
    expect(String(refusal(push({}, "not base64 at all!")))).toContain("message.data: not base64");
    expect(String(refusal(push({}, base64("{not json"))))).toContain(
      "message.data: the decoded data is not JSON",
    );
  });

  it("names the path of a wrong shape, never the value", () => {
    const body = push({
      subscriptionNotification: { notificationType: "two", purchaseToken: TOKEN, subscriptionId: "premium" },
    });

    const error = refusal(body) as Error;

    expect(error).toBeInstanceOf(InvalidNotificationError);
    expect(error.message).toContain("message.data.subscriptionNotification.notificationType");
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain("two");
  });

  it("refuses an envelope without a message id, and a notification holding no kind or two", () => {
    const { message } = push({ testNotification: {} });

    expect(String(refusal({ message: { data: message.data } }))).toContain("message.messageId");
    expect(String(refusal("a string"))).toContain("body");
    expect(String(refusal(push({})))).toContain("exactly one");
    expect(String(refusal(push({ testNotification: {}, pendingRefundReviewNotification: {} })))).toContain(
      "holds 2",
    );
  });
});
