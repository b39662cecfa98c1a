import { sql } from "kysely";
import type { BillingRuntime } from "./billing-runtime.ts";

/** The plan the User Service sells as `plus` (the billing tests' price): 9.99 USD a month. */
export const PLUS = { tier: "plus", tier_version: "v1", term: "MONTHLY", price_cents: 999, currency: "USD" };

export const subscriptionPath = (userId: string) =>
  `/subscriptions/users/${encodeURIComponent(userId)}/subscription`;
export const methodsPath = (userId: string) =>
  `/payments/users/${encodeURIComponent(userId)}/payment-methods`;

/** `work` on every item, `lanes` at a time. */
export async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function expect201(res: Response, what: string): Promise<Record<string, unknown>> {
  if (res.status !== 201) throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * Each user as the User Service makes a member, through the local process's APIs: a debit card attached
 * at the Payment Service (`pm_card_visa_debit`, the default), then the subscription activated on the
 * Subscription Service's membership contract. Returns each user's card (method id). Then waits until
 * the runner charged every first period and the relay put every record out, so what follows starts
 * with nothing due and nothing in flight.
 */
export async function seedSubscriptions(
  runtime: BillingRuntime,
  users: readonly string[],
  lanes: number,
): Promise<Map<string, string>> {
  const cards = new Map<string, string>();
  await inLanes(users, lanes, async (userId) => {
    const card = await expect201(
      await runtime.call("POST", methodsPath(userId), { token: "pm_card_visa_debit" }),
      `attaching ${userId}'s card`,
    );
    cards.set(userId, card.method_id as string);
    await expect201(
      await runtime.call("POST", subscriptionPath(userId), PLUS, `activate:${userId}`),
      `activating ${userId}`,
    );
  });
  await untilCount(runtime, users.length, "first periods paid", async () => {
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from billing_cycles where status = 'PAID'`.execute(runtime.subscriptions);
    return Number(rows[0]?.n);
  });
  await runtime.relayed();
  return cards;
}

/** Polls `count` until it reaches `target`; gives up after `deadlineMs` without progress. */
export async function untilCount(
  runtime: BillingRuntime,
  target: number,
  what: string,
  count: () => Promise<number>,
  deadlineMs = 120_000,
): Promise<void> {
  let last = -1;
  let progressAt = Date.now();
  for (;;) {
    const now = await count();
    if (now >= target) return;
    if (now !== last) {
      last = now;
      progressAt = Date.now();
    } else if (Date.now() - progressAt > deadlineMs) {
      throw new Error(
        `${what}: ${now} of ${target}, and no progress for ${deadlineMs / 1000} s (${runtime.base})`,
      );
    }
    await new Promise((done) => setTimeout(done, 500));
  }
}
