import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import { isLive } from "../../domain/subscription.ts";
import { endNow } from "../../domain/subscription-changes.ts";
import type { SubscriptionStore } from "../../ports/subscription.store.ts";
import { effectRecords } from "../records/effect-records.ts";

export interface MembershipEndedDeps {
  readonly store: SubscriptionStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * The User Service ended a membership (BANNED, CLOSEACCOUNT, a cancellation completed): billing ends at
 * once. Only a subscription that existed when the membership ended is ended, so a late record never
 * ends the subscription of a membership reactivated since; one already ended is left as it is.
 */
export async function endBillingForMembership(
  deps: MembershipEndedDeps,
  ended: { readonly userId: string; readonly reason: string; readonly at: Date },
): Promise<"ended" | "nothing-live"> {
  const { answer } = await deps.store.changeForUser(
    ended.userId,
    { actor: "service:user-service" },
    (current) => {
      if (!current || !isLive(current) || current.createdAt.getTime() > ended.at.getTime()) {
        return {
          effect: { subscriptions: [], events: [] },
          records: [],
          status: 200,
          answer: "nothing-live" as const,
        };
      }
      const effect = endNow(current, ended.reason, deps.clock.now());
      return {
        effect,
        records: effectRecords(deps, effect),
        status: 200,
        answer: "ended" as const,
      };
    },
  );
  return answer;
}
