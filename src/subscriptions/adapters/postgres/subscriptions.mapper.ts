import type { Insertable, Selectable, Updateable } from "kysely";
import type { BillingCycle } from "../../domain/billing-cycle.ts";
import type { Fulfilment } from "../../domain/fulfilment.ts";
import type {
  FulfilmentSettings,
  Pause,
  PendingDowngrade,
  ShippingDestination,
  ShippingService,
  Subscription,
} from "../../domain/subscription.ts";
import type {
  BillingCycleRow,
  BillingCyclesTable,
  FulfilmentsTable,
  PauseRow,
  PendingChangeRow,
  SubscriptionRow,
  SubscriptionsTable,
} from "./subscriptions.tables.ts";

/** Rows of the Subscription Service's tables <-> its domain types (the one place of the mapping). */
export function subscriptionOf(
  row: SubscriptionRow,
  pause: PauseRow | undefined,
  pending: readonly PendingChangeRow[],
): Subscription {
  const downgrade = pending.find((change) => change.kind === "DOWNGRADE");
  return {
    subscriptionId: row.subscription_id,
    userId: row.user_id,
    planId: row.plan_id,
    status: row.status,
    tier: row.tier,
    tierVersion: row.tier_version,
    term: row.term,
    priceCents: row.price_cents,
    currency: row.currency,
    paymentMethod: row.payment_method,
    fulfilment: fulfilmentOf(row),
    source: row.source,
    anchorAt: row.anchor_at,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    ...(pause ? { pause: pauseOf(pause) } : {}),
    ...(downgrade ? { pendingDowngrade: downgradeOf(downgrade) } : {}),
    ...(row.cancel_at ? { cancelAt: row.cancel_at } : {}),
    ...(row.cancelled_at ? { cancelledAt: row.cancelled_at } : {}),
    ...(row.cancellation_reason ? { cancellationReason: row.cancellation_reason } : {}),
    ...(row.past_due_since ? { pastDueSince: row.past_due_since } : {}),
    ...(row.last_payment_at ? { lastPaymentAt: row.last_payment_at } : {}),
    createdAt: row.created_at,
    version: row.version,
  };
}

function fulfilmentOf(row: SubscriptionRow): FulfilmentSettings {
  const details = (row.fulfilment_details ?? {}) as {
    destination?: ShippingDestination;
    service?: ShippingService;
    store_id?: string;
  };
  if (row.fulfilment_channel === "SHIPPING") {
    return {
      channel: "SHIPPING",
      destination: details.destination as ShippingDestination,
      service: details.service ?? "STANDARD",
    };
  }
  if (row.fulfilment_channel === "IN_STORE_PICKUP") {
    return { channel: "IN_STORE_PICKUP", storeId: details.store_id as string };
  }
  return { channel: "DIGITAL" };
}

function fulfilmentDetails(f: FulfilmentSettings): string | null {
  if (f.channel === "SHIPPING") return JSON.stringify({ destination: f.destination, service: f.service });
  if (f.channel === "IN_STORE_PICKUP") return JSON.stringify({ store_id: f.storeId });
  return null;
}

export function fulfilmentRow(f: Fulfilment): Insertable<FulfilmentsTable> {
  return {
    fulfilment_id: f.fulfilmentId,
    cycle_id: f.cycleId,
    subscription_id: f.subscriptionId,
    user_id: f.userId,
    channel: f.channel,
    status: f.status,
    period_start: f.periodStart,
    service: f.service ?? null,
    country: f.country ?? null,
    store_id: f.storeId ?? null,
    pickup_code: f.pickupCode ?? null,
    pickup_expires_at: f.pickupExpiresAt ?? null,
    created_at: f.createdAt,
  };
}

export function fulfilmentOfRow(row: Selectable<FulfilmentsTable>): Fulfilment {
  return {
    fulfilmentId: row.fulfilment_id,
    cycleId: row.cycle_id,
    subscriptionId: row.subscription_id,
    userId: row.user_id,
    channel: row.channel,
    status: row.status,
    periodStart: row.period_start,
    ...(row.service ? { service: row.service } : {}),
    ...(row.country ? { country: row.country } : {}),
    ...(row.store_id ? { storeId: row.store_id } : {}),
    ...(row.pickup_code ? { pickupCode: row.pickup_code } : {}),
    ...(row.pickup_expires_at ? { pickupExpiresAt: row.pickup_expires_at } : {}),
    createdAt: row.created_at,
  };
}

function pauseOf(row: PauseRow): Pause {
  return {
    pauseId: row.pause_id,
    months: row.months,
    firstSkippedPayment: dateText(row.first_skipped_payment),
    state: row.state === "ACTIVE" ? "ACTIVE" : "SCHEDULED",
    skipped: row.skipped,
    requestedAt: row.requested_at,
    ...(row.started_at ? { startedAt: row.started_at } : {}),
  };
}

function downgradeOf(row: PendingChangeRow): PendingDowngrade {
  return {
    tier: row.tier as string,
    tierVersion: row.tier_version as string,
    priceCents: row.price_cents as number,
    effective: row.effective_at,
  };
}

/** `pg` reads a `date` as a Date at local midnight: back to YYYY-MM-DD with the local calendar. */
function dateText(value: string | Date): string {
  if (typeof value === "string") return value;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

export function subscriptionRow(s: Subscription, now: Date): Insertable<SubscriptionsTable> {
  return {
    subscription_id: s.subscriptionId,
    user_id: s.userId,
    plan_id: s.planId,
    status: s.status,
    tier: s.tier,
    tier_version: s.tierVersion,
    term: s.term,
    price_cents: s.priceCents,
    currency: s.currency,
    payment_method: s.paymentMethod,
    fulfilment_channel: s.fulfilment.channel,
    fulfilment_details: fulfilmentDetails(s.fulfilment),
    source: s.source,
    anchor_at: s.anchorAt,
    period_start: s.periodStart,
    period_end: s.periodEnd,
    cancel_at: s.cancelAt ?? null,
    cancelled_at: s.cancelledAt ?? null,
    cancellation_reason: s.cancellationReason ?? null,
    past_due_since: s.pastDueSince ?? null,
    last_payment_at: s.lastPaymentAt ?? null,
    created_at: s.createdAt,
    updated_at: now,
    version: 1,
  };
}

export function cycleOf(row: BillingCycleRow): BillingCycle {
  return {
    cycleId: row.cycle_id,
    subscriptionId: row.subscription_id,
    userId: row.user_id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status,
    attemptNo: row.attempt_no,
    nextAttemptAt: row.next_attempt_at,
    ...(row.lease_until ? { leaseUntil: row.lease_until } : {}),
    ...(row.amount_cents === null ? {} : { amountCents: row.amount_cents }),
    ...(row.currency ? { currency: row.currency } : {}),
    ...(row.tier ? { tier: row.tier } : {}),
    ...(row.tier_version ? { tierVersion: row.tier_version } : {}),
    ...(row.confirmation_id ? { confirmationId: row.confirmation_id } : {}),
    ...(row.failure_reason ? { failureReason: row.failure_reason } : {}),
    ...(row.first_failed_at ? { firstFailedAt: row.first_failed_at } : {}),
    ...(row.paid_at ? { paidAt: row.paid_at } : {}),
  };
}

export function cycleColumns(c: BillingCycle, now: Date): Updateable<BillingCyclesTable> {
  return {
    status: c.status,
    attempt_no: c.attemptNo,
    next_attempt_at: c.nextAttemptAt,
    lease_until: c.status === "PROCESSING" ? (c.leaseUntil ?? null) : null,
    amount_cents: c.amountCents ?? null,
    currency: c.currency ?? null,
    tier: c.tier ?? null,
    tier_version: c.tierVersion ?? null,
    confirmation_id: c.confirmationId ?? null,
    failure_reason: c.failureReason ?? null,
    first_failed_at: c.firstFailedAt ?? null,
    paid_at: c.paidAt ?? null,
    updated_at: now,
  };
}

/** A subscription as the history keeps it: its facts, never personal data. */
export function historyJson(s: Subscription): string {
  return JSON.stringify({
    status: s.status,
    tier: s.tier,
    tier_version: s.tierVersion,
    price_cents: s.priceCents,
    period_start: s.periodStart.toISOString(),
    period_end: s.periodEnd.toISOString(),
    ...(s.pause ? { pause: { months: s.pause.months, skipped: s.pause.skipped, state: s.pause.state } } : {}),
    ...(s.pendingDowngrade ? { pending_downgrade: s.pendingDowngrade.tier } : {}),
    ...(s.cancelAt ? { cancel_at: s.cancelAt.toISOString() } : {}),
    // The channel only: the destination is personal data and the history is never rewritten.
    fulfilment_channel: s.fulfilment.channel,
  });
}
