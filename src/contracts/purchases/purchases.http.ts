import * as z from "zod";
import { text } from "../../platform/http/text.schemas.ts";

/**
 * The purchases service's HTTP bodies (seed 001). The paths and shapes are the model's
 * (guardian/mobile-purchases), so its apps could switch; what Roster adds (`state`, `access`, the
 * per-user access answer) is beside them. No body carries a receipt, a purchase token of someone else,
 * or a store's signed data back out.
 */
const AppName = text({
  max: 64,
  pattern: { regex: /^[a-z0-9-]+$/, message: "must be an app name such as ios or android" },
  description: "The app as configured: `ios`, `android`, `ios-feast`...",
});
const OriginalTransactionId = text({
  max: 64,
  pattern: { regex: /^[0-9]+$/, message: "must be an App Store originalTransactionId (digits)" },
});
const PurchaseToken = text({
  max: 1024,
  pattern: { regex: /^[A-Za-z0-9._-]+$/, message: "must be a Google Play purchase token" },
});
const ProductId = text({
  max: 255,
  pattern: { regex: /^[A-Za-z0-9._-]+$/, message: "must be a product id" },
});

/** A restore may send many items; the model's apps send a handful. 100 keeps a request well bounded. */
export const MAX_LINK_ITEMS = 100;

export const AppleLinkBody = z
  .strictObject({
    platform: AppName,
    subscriptions: z
      .array(
        z.strictObject({
          // The model's apps send the V1 receipt too; Roster neither needs nor keeps it.
          receipt: z.string().max(200_000).optional(),
          originalTransactionId: OriginalTransactionId,
        }),
      )
      .min(1)
      .max(MAX_LINK_ITEMS),
  })
  .meta({ id: "AppleLinkRequest" });

export const GoogleLinkBody = z
  .strictObject({
    platform: AppName,
    subscriptions: z
      .array(z.strictObject({ purchaseToken: PurchaseToken, subscriptionId: ProductId }))
      .min(1)
      .max(MAX_LINK_ITEMS),
  })
  .meta({ id: "GoogleLinkRequest" });

export const LinkAnswer = z
  .strictObject({
    linked: z.number().int().meta({ description: "Links made now" }),
    alreadyLinked: z.number().int().meta({ description: "Links that existed: nothing changed for them" }),
  })
  .meta({ id: "LinkResult" });

export const AppleStatusBody = z
  .strictObject({
    platform: AppName.optional(),
    subscriptions: z
      .array(
        z.strictObject({
          receipt: z.string().max(200_000).optional(),
          originalTransactionId: OriginalTransactionId,
          clientSideValid: z.boolean().optional(),
        }),
      )
      .min(1)
      .max(MAX_LINK_ITEMS),
  })
  .meta({ id: "AppleStatusRequest" });

const STATES = [
  "ACTIVE",
  "GRACE_PERIOD",
  "BILLING_RETRY",
  "PAUSED",
  "PENDING",
  "EXPIRED",
  "REVOKED",
] as const;
const State = z.enum(STATES).meta({ description: "Where it stands now (the store's state, judged now)" });

export const AppleStatusAnswer = z
  .array(
    z.strictObject({
      originalTransactionId: z.string(),
      valid: z.boolean().meta({ description: "The model's rule: until 30 days past the end" }),
      autoRenewStatus: z.boolean(),
      gracePeriod: z.boolean(),
      trialPeriod: z.boolean(),
      start: z.iso.datetime(),
      end: z.iso.datetime(),
      endWithGracePeriod: z.iso.datetime(),
      product: z.string(),
      latestReceipt: z.null().meta({ description: "Always null: Roster keeps no receipts" }),
      state: State,
      access: z.boolean(),
    }),
  )
  .meta({ id: "AppleStatusList" });

export const GoogleStatusAnswer = z
  .strictObject({
    subscriptionHasLapsed: z.boolean(),
    subscriptionExpiryDate: z.iso.datetime(),
    state: State,
    access: z.boolean(),
  })
  .meta({ id: "GoogleSubscriptionStatus" });

const USER_SUBSCRIPTION_EXAMPLE = {
  subscriptionId: "2000000000000001",
  from: "2026-12-01T12:00:00.000Z",
  to: "2027-01-01T12:00:00.000Z",
  valid: true,
  gracePeriod: false,
  autoRenewing: true,
  productId: "premium.monthly",
  softOptInProductName: "InAppPurchase",
  platform: "apple" as const,
  state: "ACTIVE" as const,
  access: true,
};

/** One subscription as `GET /user/subscriptions/{userId}` lists it (the model's fields, Roster's state and access). */
export const UserSubscriptionEntry = z
  .strictObject({
    subscriptionId: z.string().meta({
      description: "The store's id: Apple's originalTransactionId, Google's purchase token",
    }),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    cancellationTimestamp: z.iso.datetime().optional(),
    valid: z.boolean(),
    gracePeriod: z.boolean(),
    autoRenewing: z.boolean(),
    productId: z.string(),
    softOptInProductName: z.string(),
    platform: z.enum(["apple", "google"]),
    state: State,
    access: z.boolean(),
  })
  .meta({ id: "UserSubscription", examples: [USER_SUBSCRIPTION_EXAMPLE] });

export const UserSubscriptionsAnswer = z
  .strictObject({ subscriptions: z.array(UserSubscriptionEntry) })
  .meta({ id: "UserSubscriptions", examples: [{ subscriptions: [USER_SUBSCRIPTION_EXAMPLE] }] });

/**
 * `GET /user/owners/{subscriptionId}`, for the operator console's search by a store's purchase id: who
 * holds the subscription, and its stored state when the store's state has arrived.
 */
export const SubscriptionOwnersAnswer = z
  .strictObject({
    subscription_id: z.string().meta({
      description: "The store's id: Apple's originalTransactionId, Google's purchase token",
    }),
    store: z.enum(["apple", "google"]),
    user_ids: z.array(z.string()).min(1).meta({ description: "The users who hold it, in id order" }),
    state: UserSubscriptionEntry.optional().meta({
      description:
        "The stored state as `GET /user/subscriptions/{userId}` shows it; absent while the store's state has not arrived",
    }),
  })
  .meta({
    id: "SubscriptionOwners",
    examples: [
      {
        subscription_id: "2000000000000001",
        store: "apple",
        user_ids: ["auth0|5f7c1e2d9b1a4c0069a1b2c3"],
        state: USER_SUBSCRIPTION_EXAMPLE,
      },
    ],
  });

export const UserAccessAnswer = z
  .strictObject({
    userId: z.string(),
    access: z.boolean().meta({ description: "Whether any subscription gives access now" }),
    accessUntil: z.iso.datetime().optional().meta({ description: "The latest end of the access known now" }),
    subscriptions: z.array(
      z.strictObject({
        subscriptionId: z.string(),
        platform: z.enum(["apple", "google"]),
        productId: z.string(),
        state: State,
        access: z.boolean(),
        expiresAt: z.iso.datetime(),
        graceExpiresAt: z.iso.datetime().optional(),
        autoRenew: z.boolean(),
      }),
    ),
  })
  .meta({ id: "UserAccess" });

export const AccountTokenAnswer = z
  .strictObject({
    accountToken: z.uuid().meta({
      description:
        "Pass it to the store at purchase: Apple's appAccountToken, Google's obfuscatedAccountId. The same for this user always.",
    }),
  })
  .meta({ id: "PurchaseAccountToken" });

export const NotificationAnswer = z
  .strictObject({
    received: z.literal(true),
    recorded: z.boolean().meta({ description: "False for a redelivery: nothing happened again" }),
    fetchQueued: z.boolean(),
  })
  .meta({ id: "NotificationReceipt" });
