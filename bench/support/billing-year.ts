import { sql } from "kysely";
import type { BillingRuntime } from "./billing-runtime.ts";
import { inLanes, methodsPath, seedSubscriptions, subscriptionPath } from "./billing-seed.ts";

const DAYS = 365;

type Group = "plain" | "paused" | "recovering" | "failing";

/**
 * Who does what in the year, by the user's number: every 10th pauses for two months from its first
 * renewal; every 20th (offset 1) gets a card that declines before it; of those, every other one makes
 * its good card the default again after the second failed attempt (the +1-day retry), so the +3-day
 * retry collects; the others run out of the window and its grace and are cancelled.
 */
const groupOf = (i: number): Group =>
  i % 10 === 0 ? "paused" : i % 20 === 1 ? (i % 40 === 1 ? "recovering" : "failing") : "plain";

export interface YearRun {
  readonly steps: number;
  /** The day-by-day moves and the relay's catch-up, setup excluded. */
  readonly wallMs: number;
  readonly renewed: number;
  readonly skipped: number;
  readonly failedAttempts: number;
  readonly rows: readonly Record<string, string | number>[];
  readonly checks: string;
}

async function ok(res: Response, what: string): Promise<Record<string, unknown>> {
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * `n` subscriptions activated and paid (setup), their pauses and declining cards set, then a year: a
 * clock move of a day at a time, each answered once the schedules ran at the new time, and with
 * `catchUp` once the Payment Service's records of the day's charges were handled too.
 */
export async function simulatedYear(
  runtime: BillingRuntime,
  n: number,
  lanes: number,
  catchUp: boolean,
): Promise<YearRun> {
  const users = Array.from({ length: n }, (_, i) => ({
    id: `auth0|bench-year-${i.toString(36)}`,
    group: groupOf(i),
  }));
  const cards = await seedSubscriptions(
    runtime,
    users.map((u) => u.id),
    lanes,
  );
  const of = (...groups: Group[]) => users.filter((u) => groups.includes(u.group)).map((u) => u.id);
  await inLanes(of("paused"), lanes, async (userId) => {
    const period = await ok(
      await runtime.call("GET", `${subscriptionPath(userId)}/current-period`),
      "the period",
    );
    const firstSkipped = (period.end as string).slice(0, 10);
    const body = { months: 2, first_skipped_payment: firstSkipped };
    await ok(
      await runtime.call("POST", `${subscriptionPath(userId)}/pause`, body, `pause:${userId}`),
      "pausing",
    );
  });
  await inLanes(of("recovering", "failing"), lanes, async (userId) => {
    const body = { token: "pm_card_chargeDeclined", make_default: true };
    await ok(await runtime.call("POST", methodsPath(userId), body), "attaching the declining card");
  });
  await runtime.relayed();

  const begun = performance.now();
  const since = new Date(Date.now() + runtime.offsetMs());
  const declining = of("recovering", "failing").length;
  let fixed = false;
  for (let day = 0; day < DAYS; day++) {
    await runtime.advance("1d");
    // A day of real time lets the stream workers catch up; without it a charge's PaymentProcessed may
    // reach the Subscription Service days of the local clock late (see bench/README.md, issue 13).
    if (catchUp) await runtime.caughtUp();
    if (!fixed && (await eventCount(runtime, "payment-failed")) >= 2 * declining) {
      fixed = true;
      await inLanes(of("recovering"), lanes, async (userId) => {
        const path = `${methodsPath(userId)}/${cards.get(userId)}/default`;
        await ok(await runtime.call("POST", path), "making the good card the default");
      });
    }
  }
  await runtime.relayed();
  const wallMs = performance.now() - begun;
  return { steps: DAYS, wallMs, ...(await tally(runtime, users, since)) };
}

async function eventCount(runtime: BillingRuntime, event: string): Promise<number> {
  const { rows } = await sql<{
    n: string;
  }>`select count(*) as n from subscription_changes where event = ${event}`.execute(runtime.subscriptions);
  return Number(rows[0]?.n);
}

/** What billing did since `since`, per group, from the Subscription Service's history and cycles. */
async function tally(runtime: BillingRuntime, users: readonly { id: string; group: Group }[], since: Date) {
  const group = new Map(users.map((u) => [u.id, u.group]));
  const { rows } = await sql<{ user_id: string; event: string; n: string }>`
    select user_id, event, count(*) as n from subscription_changes where occurred_at >= ${since}
    group by user_id, event`.execute(runtime.subscriptions);
  const paid = await sql<{ user_id: string; n: string; status: string }>`
    select s.user_id, s.status, count(c.cycle_id) as n from subscriptions s
    left join billing_cycles c on c.subscription_id = s.subscription_id and c.status = 'PAID'
      and c.paid_at >= ${since}
    group by s.user_id, s.status`.execute(runtime.subscriptions);
  const events = ["renewed", "pause-skipped", "pause-resume", "payment-failed", "recovered", "cancelled"];
  const groups: Group[] = ["plain", "paused", "recovering", "failing"];
  const totals = new Map<string, number>();
  const rowsOut = groups.map((g) => {
    const mine = paid.rows.filter((r) => group.get(r.user_id) === g);
    const cycles = mine.map((r) => Number(r.n));
    const statuses = [...new Set(mine.map((r) => r.status))].sort().join(", ");
    const row: Record<string, string | number> = {
      group: g,
      subscriptions: mine.length,
      "paid in the year, each": cycles.length ? `${Math.min(...cycles)}-${Math.max(...cycles)}` : "",
      "status at the end": statuses,
    };
    for (const event of events) {
      const n = rows
        .filter((r) => r.event === event && group.get(r.user_id) === g)
        .reduce((s, r) => s + Number(r.n), 0);
      row[event] = n;
      totals.set(event, (totals.get(event) ?? 0) + n);
    }
    return row;
  });
  return {
    renewed: totals.get("renewed") ?? 0,
    skipped: totals.get("pause-skipped") ?? 0,
    failedAttempts: totals.get("payment-failed") ?? 0,
    rows: rowsOut,
    checks: await yearChecks(runtime, totals.get("payment-failed") ?? 0),
  };
}

/**
 * Over the whole run, setup included: every PAID cycle is one confirmed charge, none charged twice, and
 * no cycle whose charge was collected is left unpaid (the member paid, billing does not know it), and
 * every `payment-failed` of the year is a charge the Payment Service declined.
 */
async function yearChecks(runtime: BillingRuntime, failedEvents: number): Promise<string> {
  const cycles = await sql<{ cycle_id: string; status: string; sub_status: string }>`
    select c.cycle_id, c.status, s.status as sub_status from billing_cycles c
    join subscriptions s using (subscription_id)`.execute(runtime.subscriptions);
  const charges = await sql<{ billing_cycle_id: string | null; status: string }>`
    select billing_cycle_id, status from charges`.execute(runtime.payments);
  const followups = await sql<{ n: string }>`
    select count(*) as n from membership_followups where delivered_at is null`.execute(runtime.subscriptions);
  const statusOf = new Map(cycles.rows.map((c) => [c.cycle_id, c]));
  const confirmed = charges.rows.filter((c) => c.status === "CONFIRMED").map((c) => c.billing_cycle_id ?? "");
  const unsettled = confirmed.filter((id) => statusOf.get(id)?.status !== "PAID");
  const stuckPastDue = new Set(unsettled.filter((id) => statusOf.get(id)?.sub_status === "PAST_DUE")).size;
  const paid = cycles.rows.filter((c) => c.status === "PAID").length;
  const twice = confirmed.length - new Set(confirmed).size;
  const declined = charges.rows.filter((c) => c.status === "FAILED").length;
  return (
    `${paid} PAID cycles, ${confirmed.length} confirmed charges, ${twice} cycles charged twice, ` +
    `${declined} declined charges (${failedEvents - declined} payment-failed without one); ${unsettled.length} cycles whose charge was collected yet not PAID ` +
    `(${stuckPastDue} of them with the subscription still PAST_DUE); ${followups.rows[0]?.n} follow-ups to ` +
    "the User Service not taken (the bench's users are no members there)"
  );
}
