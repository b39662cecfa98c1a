/**
 * A subscription as the Subscription Service keeps it (seed 002; research/billing.md §6): one user's
 * recurring billing of a plan, period after period from its anchor. At most one per user is live
 * (TRIAL, ACTIVE, PAST_DUE, PAUSED); CANCELLED and EXPIRED ones are history.
 */
export const SUBSCRIPTION_STATUSES = [
  "TRIAL",
  "ACTIVE",
  "PAST_DUE",
  "PAUSED",
  "CANCELLED",
  "EXPIRED",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export const LIVE_STATUSES: readonly SubscriptionStatus[] = ["TRIAL", "ACTIVE", "PAST_DUE", "PAUSED"];

export const BILLING_TERMS = ["MONTHLY", "ANNUAL"] as const;
export type BillingTerm = (typeof BILLING_TERMS)[number];

/** How the catalogue's SubscribeUser names the way the user pays. */
export const PAYMENT_METHOD_KINDS = ["CreditCard", "DebitCard", "BankTransfer", "PayPal"] as const;
export type PaymentMethodKind = (typeof PAYMENT_METHOD_KINDS)[number];

/** Seed 002's multi-channel fulfilment: what a paid period delivers, and how. */
export const FULFILMENT_CHANNELS = ["DIGITAL", "SHIPPING", "IN_STORE_PICKUP"] as const;
export type FulfilmentChannel = (typeof FULFILMENT_CHANNELS)[number];

export const SHIPPING_SERVICES = ["STANDARD", "EXPRESS", "NEXT_DAY"] as const;
export type ShippingService = (typeof SHIPPING_SERVICES)[number];

export interface ShippingDestination {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly region?: string;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

/** How a subscription's paid periods are delivered, as it names them. */
export type FulfilmentSettings =
  | { readonly channel: "DIGITAL" }
  | {
      readonly channel: "SHIPPING";
      readonly destination: ShippingDestination;
      readonly service: ShippingService;
    }
  | { readonly channel: "IN_STORE_PICKUP"; readonly storeId: string };

export const DIGITAL: FulfilmentSettings = { channel: "DIGITAL" };

/** Who started it: the User Service's membership lifecycle, or a caller of the catalogue's SubscribeUser. */
export const SUBSCRIPTION_SOURCES = ["membership", "catalog"] as const;
export type SubscriptionSource = (typeof SUBSCRIPTION_SOURCES)[number];

export interface Plan {
  /** `{tier}:{tier_version}:{term}`, e.g. `plus:2026-01:MONTHLY` (the catalogue's `planId`). */
  readonly planId: string;
  readonly tier: string;
  readonly tierVersion: string;
  readonly term: BillingTerm;
  readonly priceCents: number;
  readonly currency: string;
}

export const planIdOf = (tier: string, tierVersion: string, term: BillingTerm) =>
  `${tier}:${tierVersion}:${term}`;

/** Billing stops for `months` payments from the first due on or after `firstSkippedPayment`. */
export interface Pause {
  readonly pauseId: string;
  readonly months: number;
  /** YYYY-MM-DD (UTC), as the User Service asked it. */
  readonly firstSkippedPayment: string;
  /** SCHEDULED until its first skipped payment, ACTIVE while it skips. */
  readonly state: "SCHEDULED" | "ACTIVE";
  /** Payments skipped so far. */
  readonly skipped: number;
  /** When the pause was asked for. */
  readonly requestedAt: Date;
  /** When its first payment was skipped. */
  readonly startedAt?: Date;
}

/** A lower tier the renewals move to at the first renewal on or after `effective`. */
export interface PendingDowngrade {
  readonly tier: string;
  readonly tierVersion: string;
  readonly priceCents: number;
  readonly effective: Date;
}

export interface Subscription {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly planId: string;
  readonly status: SubscriptionStatus;
  /** What the next renewal bills (an upgrade changes it at once, a downgrade at its renewal). */
  readonly tier: string;
  readonly tierVersion: string;
  readonly term: BillingTerm;
  readonly priceCents: number;
  readonly currency: string;
  readonly paymentMethod: PaymentMethodKind;
  /** How its paid periods are delivered (domain/fulfilment.ts). */
  readonly fulfilment: FulfilmentSettings;
  readonly source: SubscriptionSource;
  /** Period n starts n terms after the anchor. */
  readonly anchorAt: Date;
  readonly periodStart: Date;
  /** Exclusive: the next renewal is due then. */
  readonly periodEnd: Date;
  readonly pause?: Pause;
  readonly pendingDowngrade?: PendingDowngrade;
  /** A cancellation at the period's end: billing ends then. */
  readonly cancelAt?: Date;
  readonly cancelledAt?: Date;
  readonly cancellationReason?: string;
  /** Since when a renewal has been failing (the recovery window, ADR-018). */
  readonly pastDueSince?: Date;
  readonly lastPaymentAt?: Date;
  readonly createdAt: Date;
  /** Increases with every stored change (optimistic guard). */
  readonly version: number;
}

export const isLive = (s: Pick<Subscription, "status">) => LIVE_STATUSES.includes(s.status);
