import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { type MlaLookupRecord, nanosecondTimestamp } from "../../domain/mla.ts";
import { activeTag } from "../../domain/tag.ts";
import { actorOf, withTag } from "../../domain/user-version.ts";
import type { MlaLookup, MlaSubject } from "../../ports/mla-lookup.port.ts";
import type { MlaLookupRepository } from "../../ports/mla-lookup.repository.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { loadUser } from "../profile/load-user.query.ts";
import { retryOnConflict } from "../profile/retry-on-conflict.policy.ts";
import { mlaLookupCompleted } from "../profile/user.events.ts";

export interface MlaDeps extends AfterCommitDeps {
  readonly users: UserRepository & MlaLookupRepository;
  readonly mlaLookup: MlaLookup;
  readonly clock: Clock;
}

/**
 * POST /{user_id}/mla: asks Experian first (a failure answers 502/503 with nothing written), then
 * records the lookup and sets `is_military` in one transaction. The SSN and date of birth go to
 * Experian only.
 */
export async function runMlaLookup(
  deps: MlaDeps,
  principal: Principal | undefined,
  userId: string,
  subject: MlaSubject,
): Promise<MlaLookupRecord> {
  const by = actorOf(requireSelfOr(principal, userId));
  await loadUser(deps.users, userId);
  const answer = await deps.mlaLookup.lookup(subject);
  let sequence = 0;
  const lookup = await retryOnConflict(async () => {
    const previous = await loadUser(deps.users, userId);
    const now = deps.clock.now();
    const record: MlaLookupRecord = {
      user_id: userId,
      ...answer,
      timestamp: nanosecondTimestamp(now, sequence++),
    };
    const tag = activeTag("is_military", String(answer.is_military), now);
    await deps.users.saveMlaLookup(previous, withTag(previous, tag, now, by), tag, record);
    return record;
  });
  await publishAfterCommit(deps, [mlaLookupCompleted(lookup, deps.clock.now())]);
  return lookup;
}
