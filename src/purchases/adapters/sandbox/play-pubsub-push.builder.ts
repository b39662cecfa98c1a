/** The body Pub/Sub pushes (cloud.google.com/pubsub/docs/push#receive_push). */
export interface PubSubPushBody {
  readonly message: {
    readonly data: string;
    readonly messageId: string;
    readonly attributes: Readonly<Record<string, string>>;
    readonly publishTime: string;
  };
  readonly subscription: string;
}

/** What a DeveloperNotification carries besides its common fields: one of Play's notification kinds. */
export type NotificationKind =
  | {
      readonly subscriptionNotification: {
        readonly notificationType: number;
        readonly purchaseToken: string;
        readonly subscriptionId: string;
      };
    }
  | {
      readonly voidedPurchaseNotification: {
        readonly purchaseToken: string;
        readonly orderId: string;
        readonly productType: number;
        readonly refundType: number;
      };
    }
  | { readonly testNotification: Record<string, never> };

export const SANDBOX_PUSH_SUBSCRIPTION = "projects/roster-local/subscriptions/play-rtdn-push";

/** A DeveloperNotification wrapped as Pub/Sub pushes it: base64 JSON in `message.data`. */
export function pubSubPush(input: {
  readonly packageName: string;
  readonly kind: NotificationKind;
  readonly messageId: string;
  readonly now: Date;
}): PubSubPushBody {
  const inner =
    "subscriptionNotification" in input.kind
      ? { subscriptionNotification: { version: "1.0", ...input.kind.subscriptionNotification } }
      : "testNotification" in input.kind
        ? { testNotification: { version: "1.0" } }
        : input.kind;
  const notification = {
    version: "1.0",
    packageName: input.packageName,
    // A JSON long: Google writes it as a string.
    eventTimeMillis: String(input.now.getTime()),
    ...inner,
  };
  return {
    message: {
      data: Buffer.from(JSON.stringify(notification), "utf8").toString("base64"),
      messageId: input.messageId,
      attributes: {},
      publishTime: input.now.toISOString(),
    },
    subscription: SANDBOX_PUSH_SUBSCRIPTION,
  };
}
