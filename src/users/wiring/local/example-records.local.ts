import type { ExampleFiller } from "../../../platform/service/service-module.ts";
import { MembershipStoreRepository } from "../../adapters/dynamodb/membership-store.repository.ts";
import type { Membership } from "../../domain/membership.ts";

type Json = Record<string, unknown>;

/**
 * The dates of a `subscriptions` example record as the Subscription Service would write them for this
 * user now: `occurred_at` and `updated_at` now; `pause_date` the day the user's pause begins (their
 * membership's `membership_pause_date`), `unpause_date` and `next_billing_date` the day it ends (that
 * date plus `membership_pause_duration_months`). A user with no pause gets now for all of them. Only the
 * fields the example has are written.
 */
export function subscriptionDates(membership: Membership | undefined, now: Date) {
  const start = membership?.membership_pause_date
    ? new Date(`${membership.membership_pause_date.slice(0, 10)}T00:00:00.000Z`)
    : now;
  const months = membership?.membership_pause_date ? (membership.membership_pause_duration_months ?? 0) : 0;
  const end = addMonths(start, months);
  return {
    occurred_at: now.toISOString(),
    updated_at: now.toISOString(),
    pause_date: start.toISOString(),
    unpause_date: end.toISOString(),
    next_billing_date: end.toISOString().slice(0, 10),
  };
}

/** How `npm run events -- put <stream> ... --user` fills the records of the streams the service reads. */
export const usersExampleFillers: Record<string, ExampleFiller> = {
  subscriptions: {
    fill: async ({ store, clock }, record, user) => {
      const dates = subscriptionDates(await new MembershipStoreRepository(store).current(user), clock.now());
      const payload = (record.payload ?? {}) as Json;
      return {
        ...record,
        ...pick(record, dates, ["occurred_at"]),
        payload: {
          ...payload,
          ...pick(payload, dates, ["updated_at", "pause_date", "unpause_date", "next_billing_date"]),
        },
      };
    },
  },
};

/** The values of `keys` that `into` has, taken from `from`. */
function pick(into: Json, from: Record<string, string>, keys: readonly string[]): Json {
  return Object.fromEntries(keys.filter((key) => key in into).map((key) => [key, from[key]]));
}

/** `from` plus `months` calendar months (UTC), the day clamped to the month's last one. */
function addMonths(from: Date, months: number): Date {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  target.setUTCHours(
    from.getUTCHours(),
    from.getUTCMinutes(),
    from.getUTCSeconds(),
    from.getUTCMilliseconds(),
  );
  return target;
}
