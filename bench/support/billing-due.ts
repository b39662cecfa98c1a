import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import type { BillingRuntime } from "./billing-runtime.ts";
import { seedSubscriptions } from "./billing-seed.ts";

/** A clock move past every first renewal (a month from activation is 28 to 31 days). */
const PAST_THE_RENEWAL = "32d";
const STREAM_POLL_MS = 100;
const NO_PROGRESS_MS = 60_000;

export interface DueRun {
  readonly subscriptions: number;
  readonly seedSeconds: number;
  /** Renewals committed (cycles PAID after the move), and the first and last commit after the move. */
  readonly committed: number;
  readonly firstCommitMs: number;
  readonly lastCommitMs: number;
  /** The move's answer (the runner ran until nothing was due, the relay once), after the move. */
  readonly answeredMs: number;
  /** Due -> the `renewed` record on the stream, per subscription, ms, sorted. */
  readonly latencies: readonly number[];
  readonly renewedRecords: number;
  readonly checks: DueChecks;
}

export interface DueChecks {
  /** Subscriptions whose PAID cycles are not exactly two (the first period and the renewal). */
  readonly notPaidTwice: number;
  /** Confirmed charges at the Payment Service, cycles charged more than once, charges not confirmed. */
  readonly confirmedCharges: number;
  readonly cyclesChargedTwice: number;
  readonly otherCharges: number;
  /** Users with more than one `renewed` record after the move. */
  readonly duplicateRecords: number;
}

/**
 * `users.length` subscriptions activated and their first period paid (not measured), then the local
 * clock moved past their first renewal at once: due = the real time the move was sent. Follows the
 * stream until every user's `renewed` record arrived; the commits are read from `billing_cycles.paid_at`.
 */
export async function dueAtOnce(
  runtime: BillingRuntime,
  users: readonly string[],
  lanes: number,
): Promise<DueRun> {
  const seeding = performance.now();
  await seedSubscriptions(runtime, users, lanes);
  const seedSeconds = (performance.now() - seeding) / 1000;
  runtime.tail(); // from here on: only what the move causes
  const arrivals = new Map<string, number>();
  let renewedRecords = 0;
  const due = Date.now();
  let answeredAt: number | undefined;
  const moved = runtime.advance(PAST_THE_RENEWAL).then(() => {
    answeredAt = Date.now();
  });
  let progressAt = Date.now();
  while (arrivals.size < users.length || answeredAt === undefined) {
    for (const update of runtime.tail()) {
      if (update.event !== "renewed") continue;
      renewedRecords += 1;
      if (!arrivals.has(update.userId)) arrivals.set(update.userId, update.arrivedAt);
      progressAt = Date.now();
    }
    if (Date.now() - progressAt > NO_PROGRESS_MS) break;
    await sleep(STREAM_POLL_MS);
  }
  await moved;
  await sleep(1_000); // a `renewed` record sent twice would arrive by now
  for (const update of runtime.tail()) if (update.event === "renewed") renewedRecords += 1;
  const offset = runtime.offsetMs();
  const dueLocal = new Date(due + offset);
  const { rows } = await sql<{ n: string; first: Date | null; last: Date | null }>`
    select count(*) as n, min(paid_at) as first, max(paid_at) as last
    from billing_cycles where status = 'PAID' and paid_at >= ${dueLocal}`.execute(runtime.subscriptions);
  const commits = rows[0];
  return {
    subscriptions: users.length,
    seedSeconds,
    committed: Number(commits?.n),
    firstCommitMs: (commits?.first?.getTime() ?? Number.NaN) - offset - due,
    lastCommitMs: (commits?.last?.getTime() ?? Number.NaN) - offset - due,
    answeredMs: (answeredAt ?? Number.NaN) - due,
    latencies: [...arrivals.values()].map((at) => at - offset - due).sort((a, b) => a - b),
    renewedRecords,
    checks: { ...(await chargedOnce(runtime)), duplicateRecords: renewedRecords - arrivals.size },
  };
}

async function chargedOnce(runtime: BillingRuntime): Promise<Omit<DueChecks, "duplicateRecords">> {
  const notTwice = await sql<{ n: string }>`
    select count(*) as n from (select s.subscription_id from subscriptions s
      left join billing_cycles c on c.subscription_id = s.subscription_id and c.status = 'PAID'
      group by s.subscription_id having count(c.cycle_id) <> 2) as odd`.execute(runtime.subscriptions);
  const charges = await sql<{ confirmed: string; twice: string; other: string }>`
    select
      count(*) filter (where status = 'CONFIRMED') as confirmed,
      count(*) filter (where status <> 'CONFIRMED') as other,
      (select count(*) from (select billing_cycle_id from charges where status = 'CONFIRMED'
        group by billing_cycle_id having count(*) > 1) as repeated) as twice
    from charges`.execute(runtime.payments);
  const c = charges.rows[0];
  return {
    notPaidTwice: Number(notTwice.rows[0]?.n),
    confirmedCharges: Number(c?.confirmed),
    cyclesChargedTwice: Number(c?.twice),
    otherCharges: Number(c?.other),
  };
}
