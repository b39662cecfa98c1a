import type { Transaction } from "kysely";
import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import { appendOutbox } from "../../../platform/relational/outbox.append.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import type { SubscriptionEffect } from "../../domain/lifecycle-event.ts";
import type { Subscription } from "../../domain/subscription.ts";
import type { ChangeRequest } from "../../ports/subscription.store.ts";
import { fulfilmentRow, historyJson, subscriptionRow } from "./subscriptions.mapper.ts";
import type { PauseRow, PendingChangeRow, SubscriptionsDatabase } from "./subscriptions.tables.ts";

type Tx = Transaction<SubscriptionsDatabase>;

const OPEN_CYCLES = ["SCHEDULED", "PROCESSING", "RETRYING", "GRACE"] as const;

/**
 * Stores one decision's effect inside the caller's transaction: each subscription as it now stands
 * (guarded by the version read), its pause and pending changes (a withdrawn or applied one is kept
 * with its state, never deleted), cycles voided and created, begun cycles' prices fixed, paid cycles' fulfilments (one per cycle),
 * follow-ups for the User Service, one
 * history row per event and the outbox records.
 */
export async function writeEffect(
  tx: Tx,
  context: {
    readonly before: ReadonlyMap<string, Subscription>;
    readonly request: ChangeRequest;
    readonly now: Date;
    readonly ids: IdGenerator;
  },
  effect: SubscriptionEffect,
  records: readonly OutboxRecord[],
): Promise<void> {
  const { before, request, now, ids } = context;
  for (const s of effect.subscriptions) {
    const prior = before.get(s.subscriptionId);
    await writeSubscription(tx, s, prior, now);
    await writePause(tx, s, prior, now);
    await writePendingChanges(tx, s, prior, effect, now, ids);
  }
  const voided = effect.voidOpenCyclesOf ?? [];
  if (voided.length > 0) {
    await tx
      .updateTable("billing_cycles")
      .set({ status: "VOID", lease_until: null, updated_at: now })
      .where("subscription_id", "in", voided)
      .where("status", "in", OPEN_CYCLES)
      .execute();
  }
  for (const price of effect.priceBegunCycles ?? []) {
    await tx
      .updateTable("billing_cycles")
      .set({
        amount_cents: price.amountCents,
        currency: price.currency,
        tier: price.tier,
        tier_version: price.tierVersion,
        updated_at: now,
      })
      .where("subscription_id", "=", price.subscriptionId)
      .where("status", "=", "SCHEDULED")
      .where("period_start", "<=", now)
      .where("amount_cents", "is", null)
      .execute();
  }
  for (const cycle of effect.newCycles ?? []) {
    await tx
      .insertInto("billing_cycles")
      .values({
        cycle_id: `cyc_${ids.next()}`,
        subscription_id: cycle.subscriptionId,
        user_id: cycle.userId,
        period_start: cycle.periodStart,
        period_end: cycle.periodEnd,
        status: cycle.paid ? "PAID" : "SCHEDULED",
        attempt_no: cycle.paid ? 1 : 0,
        next_attempt_at: cycle.periodStart,
        lease_until: null,
        amount_cents: cycle.paid?.amountCents ?? null,
        currency: null,
        tier: null,
        tier_version: null,
        confirmation_id: cycle.paid?.confirmationId ?? null,
        failure_reason: null,
        first_failed_at: null,
        paid_at: cycle.paid?.at ?? null,
        updated_at: now,
      })
      .onConflict((conflict) => conflict.columns(["subscription_id", "period_start"]).doNothing())
      .execute();
  }
  for (const fulfilment of effect.fulfilments ?? []) {
    await tx
      .insertInto("fulfilments")
      .values(fulfilmentRow(fulfilment))
      .onConflict((conflict) => conflict.column("cycle_id").doNothing())
      .execute();
  }
  for (const followup of effect.followups ?? []) {
    await tx
      .insertInto("membership_followups")
      .values({
        followup_id: `fup_${ids.next()}`,
        user_id: followup.subscription.userId,
        subscription_id: followup.subscription.subscriptionId,
        kind: followup.kind,
        next_attempt_at: now,
        last_error: null,
        created_at: now,
        delivered_at: null,
      })
      .execute();
  }
  for (const event of effect.events) {
    const prior = before.get(event.subscription.subscriptionId);
    await tx
      .insertInto("subscription_changes")
      .values({
        subscription_id: event.subscription.subscriptionId,
        user_id: event.subscription.userId,
        event: event.kind,
        actor: request.actor,
        reason: event.reason ?? request.reason ?? null,
        idempotency_key: request.idempotency?.key ?? null,
        before: prior ? historyJson(prior) : null,
        after: historyJson(event.subscription),
        occurred_at: now,
      })
      .execute();
  }
  await appendOutbox(tx, records, now);
}

async function writeSubscription(tx: Tx, s: Subscription, prior: Subscription | undefined, now: Date) {
  const row = subscriptionRow(s, now);
  if (!prior) {
    await tx.insertInto("subscriptions").values(row).execute();
    return;
  }
  const { subscription_id: _id, created_at: _created, version: _version, ...changes } = row;
  const updated = await tx
    .updateTable("subscriptions")
    .set({ ...changes, version: prior.version + 1 })
    .where("subscription_id", "=", s.subscriptionId)
    .where("version", "=", prior.version)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n) throw new Error("the subscription changed under a locked decision");
}

async function writePause(tx: Tx, s: Subscription, prior: Subscription | undefined, now: Date) {
  const old = prior?.pause;
  const next = s.pause;
  if (old && old.pauseId !== next?.pauseId) {
    const ended: PauseRow["state"] = old.state === "ACTIVE" ? "ENDED" : "WITHDRAWN";
    await tx
      .updateTable("pauses")
      .set({ state: ended, ended_at: now })
      .where("pause_id", "=", old.pauseId)
      .execute();
  }
  if (!next) return;
  if (old?.pauseId === next.pauseId) {
    await tx
      .updateTable("pauses")
      .set({ state: next.state, skipped: next.skipped, started_at: next.startedAt ?? null })
      .where("pause_id", "=", next.pauseId)
      .execute();
    return;
  }
  await tx
    .insertInto("pauses")
    .values({
      pause_id: next.pauseId,
      subscription_id: s.subscriptionId,
      months: next.months,
      first_skipped_payment: next.firstSkippedPayment,
      state: next.state,
      skipped: next.skipped,
      requested_at: next.requestedAt,
      started_at: next.startedAt ?? null,
      ended_at: null,
    })
    .execute();
}

async function writePendingChanges(
  tx: Tx,
  s: Subscription,
  prior: Subscription | undefined,
  effect: SubscriptionEffect,
  now: Date,
  ids: IdGenerator,
) {
  const applied = (kind: string) =>
    effect.events.some((e) => e.kind === kind && e.subscription.subscriptionId === s.subscriptionId);
  const settle = async (kind: PendingChangeRow["kind"], state: PendingChangeRow["state"]) => {
    await tx
      .updateTable("pending_changes")
      .set({ state, settled_at: now })
      .where("subscription_id", "=", s.subscriptionId)
      .where("kind", "=", kind)
      .where("state", "=", "PENDING")
      .execute();
  };
  const oldDown = prior?.pendingDowngrade;
  const newDown = s.pendingDowngrade;
  const sameDown =
    oldDown &&
    newDown &&
    oldDown.tier === newDown.tier &&
    oldDown.tierVersion === newDown.tierVersion &&
    oldDown.priceCents === newDown.priceCents &&
    oldDown.effective.getTime() === newDown.effective.getTime();
  if (oldDown && !sameDown) await settle("DOWNGRADE", applied("downgraded") ? "APPLIED" : "WITHDRAWN");
  if (newDown && !sameDown) {
    await tx
      .insertInto("pending_changes")
      .values({
        change_id: `chg_${ids.next()}`,
        subscription_id: s.subscriptionId,
        kind: "DOWNGRADE",
        tier: newDown.tier,
        tier_version: newDown.tierVersion,
        price_cents: newDown.priceCents,
        reason: null,
        effective_at: newDown.effective,
        state: "PENDING",
        created_at: now,
        settled_at: null,
      })
      .execute();
  }
  const oldCancel = prior?.cancelAt;
  const newCancel = s.cancelAt;
  const sameCancel = oldCancel && newCancel && oldCancel.getTime() === newCancel.getTime();
  if (oldCancel && !sameCancel) await settle("CANCEL", s.status === "CANCELLED" ? "APPLIED" : "WITHDRAWN");
  if (newCancel && !sameCancel) {
    await tx
      .insertInto("pending_changes")
      .values({
        change_id: `chg_${ids.next()}`,
        subscription_id: s.subscriptionId,
        kind: "CANCEL",
        tier: null,
        tier_version: null,
        price_cents: null,
        reason: s.cancellationReason ?? null,
        effective_at: newCancel,
        state: "PENDING",
        created_at: now,
        settled_at: null,
      })
      .execute();
  }
}
