import { type Kysely, sql } from "kysely";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import type { BillingCycle } from "../../domain/billing-cycle.ts";
import type { Subscription } from "../../domain/subscription.ts";
import type { BillingStore, ClaimedCharge, CycleDecision, DueFollowup } from "../../ports/billing.store.ts";
import type { ChangeRequest } from "../../ports/subscription.store.ts";
import { loadSubscription } from "./subscription.store.ts";
import { writeEffect } from "./subscription-effect.writer.ts";
import { loadSubscriptions } from "./subscriptions.batch-reader.ts";
import { cycleColumns, cycleOf } from "./subscriptions.mapper.ts";
import type { SubscriptionsDatabase } from "./subscriptions.tables.ts";

/** The runner is the actor of every change it makes. */
const RUNNER: ChangeRequest = { actor: "system:billing" };

/**
 * What the runner claims: cycles due (SCHEDULED, RETRYING, GRACE at or past their attempt) and cycles
 * whose PROCESSING lease ran out, oldest attempt first, cycle and subscription locked together,
 * skipping rows another runner or an API change holds (no cycle is claimed twice and the runner never
 * waits, so never deadlocks, on a change). Each branch reads its own partial index
 * (billing_cycles_due_idx, billing_cycles_lease_idx): the cost follows what is due, not how many
 * subscriptions there are.
 */
export function dueCycles(db: Kysely<SubscriptionsDatabase>, now: Date, limit: number) {
  return dueAt(db, now)
    .selectAll("c")
    .orderBy("c.next_attempt_at")
    .limit(limit)
    .modifyEnd(sql`for update of c, s skip locked`);
}

/** The cycles due at `now`, whoever holds them. */
function dueAt(db: Kysely<SubscriptionsDatabase>, now: Date) {
  return db
    .selectFrom("billing_cycles as c")
    .innerJoin("subscriptions as s", "s.subscription_id", "c.subscription_id")
    .where((eb) =>
      eb.or([
        eb.and([
          eb("c.status", "in", ["SCHEDULED", "RETRYING", "GRACE"]),
          eb("c.next_attempt_at", "<=", now),
        ]),
        eb.and([eb("c.status", "=", "PROCESSING"), eb("c.lease_until", "<=", now)]),
      ]),
    );
}

/** The BillingStore on the service's PostgreSQL database (indexes billing_cycles_due_idx, _lease_idx, _one_open_idx). */
export class PostgresBillingStore implements BillingStore {
  readonly #db: Kysely<SubscriptionsDatabase>;
  readonly #ids: IdGenerator;
  constructor(deps: {
    readonly db: Kysely<SubscriptionsDatabase>;
    readonly clock: Clock;
    readonly ids: IdGenerator;
  }) {
    this.#db = deps.db;
    this.#ids = deps.ids;
  }

  async claimDue(
    now: Date,
    limit: number,
    decide: (
      cycle: BillingCycle,
      subscription: Awaited<ReturnType<typeof loadSubscription>>,
    ) => CycleDecision & {
      readonly charge: boolean;
    },
  ): Promise<{ readonly claimed: number; readonly charges: readonly ClaimedCharge[] }> {
    return this.#db.transaction().execute(async (tx) => {
      const rows = await dueCycles(tx, now, limit).execute();
      // Read together (the rows are locked by the claim); one open cycle per subscription, so no row's
      // change can make another's read stale, but a repeated subscription is read again all the same.
      const loaded = await loadSubscriptions(
        tx,
        rows.map((row) => row.subscription_id),
      );
      const charges: ClaimedCharge[] = [];
      const changed = new Set<string>();
      for (const row of rows) {
        const id = row.subscription_id;
        const subscription =
          (!changed.has(id) && loaded.get(id)) || (await loadSubscription(tx, await subscriptionRow(tx, id)));
        changed.add(id);
        const cycle = cycleOf(row);
        const decision = decide(cycle, subscription);
        await tx
          .updateTable("billing_cycles")
          .set(cycleColumns(decision.cycle, now))
          .where("cycle_id", "=", cycle.cycleId)
          .execute();
        const before = new Map([[subscription.subscriptionId, subscription]]);
        await writeEffect(
          tx,
          { before, request: RUNNER, now, ids: this.#ids },
          decision.effect,
          decision.records,
        );
        if (decision.charge) {
          const after = decision.effect.subscriptions.find(
            (s) => s.subscriptionId === subscription.subscriptionId,
          );
          charges.push({ cycle: decision.cycle, subscription: after ?? subscription });
        }
      }
      return { claimed: rows.length, charges };
    });
  }

  async anyDue(now: Date): Promise<boolean> {
    const row = await dueAt(this.#db, now).select("c.cycle_id").limit(1).executeTakeFirst();
    return row !== undefined;
  }

  settle(
    cycleId: string,
    attemptNo: number,
    now: Date,
    decide: (cycle: BillingCycle, subscription: Subscription) => CycleDecision,
  ): Promise<boolean> {
    return this.update(cycleId, now, (cycle, subscription) =>
      cycle.status === "PROCESSING" && cycle.attemptNo === attemptNo
        ? decide(cycle, subscription)
        : undefined,
    );
  }

  async update(
    cycleId: string,
    now: Date,
    decide: (cycle: BillingCycle, subscription: Subscription) => CycleDecision | undefined,
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (tx) => {
      const owner = await tx
        .selectFrom("billing_cycles")
        .select("subscription_id")
        .where("cycle_id", "=", cycleId)
        .executeTakeFirst();
      if (!owner) return false;
      // The subscription first, then the cycle: the order every change takes, so none waits crosswise.
      const subscriptionRow = await tx
        .selectFrom("subscriptions")
        .selectAll()
        .where("subscription_id", "=", owner.subscription_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const row = await tx
        .selectFrom("billing_cycles")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const subscription = await loadSubscription(tx, subscriptionRow);
      const decision = decide(cycleOf(row), subscription);
      if (!decision) return false;
      await tx
        .updateTable("billing_cycles")
        .set(cycleColumns(decision.cycle, now))
        .where("cycle_id", "=", cycleId)
        .execute();
      const before = new Map([[subscription.subscriptionId, subscription]]);
      await writeEffect(
        tx,
        { before, request: RUNNER, now, ids: this.#ids },
        decision.effect,
        decision.records,
      );
      return true;
    });
  }

  async cycle(cycleId: string): Promise<BillingCycle | undefined> {
    const row = await this.#db
      .selectFrom("billing_cycles")
      .selectAll()
      .where("cycle_id", "=", cycleId)
      .executeTakeFirst();
    return row ? cycleOf(row) : undefined;
  }

  async dueFollowups(now: Date, limit: number): Promise<DueFollowup[]> {
    const rows = await this.#db
      .selectFrom("membership_followups")
      .select(["followup_id", "user_id", "subscription_id", "kind", "attempts"])
      .where("delivered_at", "is", null)
      .where("next_attempt_at", "<=", now)
      .orderBy("created_at")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      followupId: row.followup_id,
      userId: row.user_id,
      subscriptionId: row.subscription_id,
      kind: row.kind,
      attempts: row.attempts,
    }));
  }

  async followupDelivered(followupId: string, now: Date): Promise<void> {
    await this.#db
      .updateTable("membership_followups")
      .set((eb) => ({ delivered_at: now, attempts: eb("attempts", "+", 1) }))
      .where("followup_id", "=", followupId)
      .execute();
  }

  async followupFailed(followupId: string, retryAt: Date, error: string): Promise<void> {
    await this.#db
      .updateTable("membership_followups")
      .set((eb) => ({
        next_attempt_at: retryAt,
        last_error: error.slice(0, 500),
        attempts: eb("attempts", "+", 1),
      }))
      .where("followup_id", "=", followupId)
      .execute();
  }
}

const subscriptionRow = (db: Kysely<SubscriptionsDatabase>, subscriptionId: string) =>
  db
    .selectFrom("subscriptions")
    .selectAll()
    .where("subscription_id", "=", subscriptionId)
    .executeTakeFirstOrThrow();
