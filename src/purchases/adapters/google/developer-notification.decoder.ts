import { z } from "zod";
import { InvalidNotificationError } from "../../domain/notification.errors.ts";
import type { StoreNotification } from "../../domain/notification.ts";
import { playNotificationType } from "./play-notification-types.ts";

/** Pub/Sub's push body (cloud.google.com/pubsub/docs/push): the message and the subscription it came by. */
const PushEnvelope = z.object({
  message: z.object({
    data: z.string().min(1),
    messageId: z.string().min(1),
    attributes: z.record(z.string(), z.string()).optional(),
    publishTime: z.string().optional(),
  }),
  subscription: z.string().optional(),
});

/** A JSON `long`: Google writes it as a string of digits; a number is taken too. */
const Millis = z.union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()]).transform(Number);

/**
 * The DeveloperNotification (developer.android.com/google/play/billing/rtdn-reference). Unknown fields
 * are kept out, not refused: Google adds fields, and a refusal would have Pub/Sub redeliver forever.
 */
const DeveloperNotification = z.object({
  version: z.string(),
  packageName: z.string().min(1),
  eventTimeMillis: Millis,
  subscriptionNotification: z
    .object({
      version: z.string().optional(),
      notificationType: z.number().int(),
      purchaseToken: z.string().min(1),
      // Optional since Play's add-ons: the v2 API no longer needs it, the v1 acknowledge still does.
      subscriptionId: z.string().min(1).optional(),
    })
    .optional(),
  oneTimeProductNotification: z
    .object({
      version: z.string().optional(),
      notificationType: z.number().int(),
      sku: z.string().optional(),
    })
    .optional(),
  voidedPurchaseNotification: z
    .object({
      purchaseToken: z.string().min(1),
      orderId: z.string().optional(),
      // 1 a subscription, 2 a one-time product; refundType 1 full, 2 partial.
      productType: z.number().int(),
      refundType: z.number().int().optional(),
    })
    .optional(),
  pendingRefundReviewNotification: z.object({}).passthrough().optional(),
  testNotification: z.object({ version: z.string().optional() }).passthrough().optional(),
});
type DeveloperNotification = z.infer<typeof DeveloperNotification>;

const KINDS = [
  "subscriptionNotification",
  "oneTimeProductNotification",
  "voidedPurchaseNotification",
  "pendingRefundReviewNotification",
  "testNotification",
] as const;

const ONE_TIME_TYPES: Readonly<Record<number, string>> = { 1: "PURCHASED", 2: "CANCELED" };
const VOIDED_SUBSCRIPTION = 1;

export interface DecodeOptions {
  /** The package names Roster serves; a notification of another app is refused. */
  readonly packageNames: readonly string[];
}

/**
 * A Pub/Sub push to the notification it carries. The push's OIDC token is checked before (see
 * PubSubPushVerifier). Errors name the path that broke, never a value: the data holds purchase tokens.
 */
export function decodePubSubPush(body: unknown, options: DecodeOptions): StoreNotification {
  const envelope = parse(PushEnvelope, body, "");
  const notification = parse(DeveloperNotification, jsonOf(envelope.message.data), "message.data");
  if (!options.packageNames.includes(notification.packageName))
    throw new InvalidNotificationError(
      `the notification is for package ${notification.packageName}, which this service does not serve`,
    );
  const common = {
    platform: "google",
    notificationId: envelope.message.messageId,
    app: notification.packageName,
    // Pub/Sub does not say; a test purchase shows as one when its state is fetched.
    environment: "production",
    sentAt: new Date(notification.eventTimeMillis),
  } as const;
  return { ...common, ...kindOf(notification) };
}

type Kind = Pick<StoreNotification, "type" | "outcome" | "storeId" | "productId">;

function kindOf(notification: DeveloperNotification): Kind {
  const present = KINDS.filter((kind) => notification[kind] !== undefined);
  if (present.length !== 1)
    throw new InvalidNotificationError(
      `message.data: a DeveloperNotification holds exactly one of ${KINDS.join(", ")}; this one holds ${present.length}`,
    );
  const { subscriptionNotification: sub, voidedPurchaseNotification: voided } = notification;
  if (sub)
    return {
      type: playNotificationType(sub.notificationType).name,
      outcome: "fetch",
      storeId: sub.purchaseToken,
      ...(sub.subscriptionId ? { productId: sub.subscriptionId } : {}),
    };
  if (voided)
    return voided.productType === VOIDED_SUBSCRIPTION
      ? { type: "VOIDED_PURCHASE", outcome: "fetch", storeId: voided.purchaseToken }
      : { type: "VOIDED_PURCHASE", outcome: "record" };
  if (notification.oneTimeProductNotification) {
    const n = notification.oneTimeProductNotification.notificationType;
    return { type: `ONE_TIME_PRODUCT_${ONE_TIME_TYPES[n] ?? `UNKNOWN_${n}`}`, outcome: "record" };
  }
  if (notification.pendingRefundReviewNotification)
    return { type: "PENDING_REFUND_REVIEW", outcome: "record" };
  return { type: "TEST_NOTIFICATION", outcome: "record" };
}

/** Standard base64 (RFC 4648 section 4), as Pub/Sub writes `data`; Buffer alone would accept anything. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function jsonOf(data: string): unknown {
  if (!BASE64.test(data)) throw new InvalidNotificationError("message.data: not base64");
  try {
    return JSON.parse(Buffer.from(data, "base64").toString("utf8"));
  } catch {
    throw new InvalidNotificationError("message.data: the decoded data is not JSON");
  }
}

/** The paths of what broke (`message.data.subscriptionNotification.notificationType`), never the values. */
function parse<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const pathOf = (issue: z.core.$ZodIssue) =>
    [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
  const paths = [...new Set(parsed.error.issues.map(pathOf))];
  throw new InvalidNotificationError(`not a Pub/Sub push of a DeveloperNotification: ${paths.join(", ")}`);
}
