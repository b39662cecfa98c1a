import { ValidationError } from "../../../platform/errors/app.errors.ts";
import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { normalizeEmail } from "../../domain/contact.ts";
import type { User } from "../../domain/user.ts";
import { actorOf, applyProfilePatch, type ProfilePatch } from "../../domain/user-version.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { requireEmailUnheld } from "./email-in-use.policy.ts";
import { loadUser } from "./load-user.query.ts";
import { retryOnConflict } from "./retry-on-conflict.policy.ts";
import { userUpdated } from "./user.events.ts";

export interface UpdateProfileDeps extends AfterCommitDeps {
  readonly users: UserRepository;
  readonly clock: Clock;
}

/**
 * PATCH /{user_id}/user: a new version with the changed fields (USER_UPDATED). A patch that changes
 * nothing writes nothing. A concurrent update is not lost: the patch is re-applied to the newer version.
 * A new email must be no other user's (409, never saying whose); the old one is freed.
 */
export async function updateProfile(
  deps: UpdateProfileDeps,
  principal: Principal | undefined,
  userId: string,
  patch: ProfilePatch,
): Promise<User> {
  const by = actorOf(requireSelfOr(principal, userId));
  const normalized = normalizePatch(patch);
  const { user, changed } = await retryOnConflict(async () => {
    const previous = await loadUser(deps.users, userId);
    const next = applyProfilePatch(previous, normalized, deps.clock.now(), by);
    if (!next) return { user: previous, changed: undefined };
    if (next.user_email !== previous.user_email)
      await requireEmailUnheld(deps.users, next.user_email, userId);
    await deps.users.saveVersion(previous, next, "USER_UPDATED");
    return { user: next, changed: userUpdated(previous, next, deps.clock.now()) };
  });
  if (changed) await publishAfterCommit(deps, [changed]);
  return user;
}

function normalizePatch(patch: ProfilePatch): ProfilePatch {
  if (Object.values(patch).every((value) => value === undefined)) {
    throw new ValidationError([{ path: "body", message: "name at least one field to change" }]);
  }
  if (patch.user_email === undefined) return patch;
  const email = normalizeEmail(patch.user_email);
  if (!email.ok) throw new ValidationError([{ path: "user_email", message: email.reason }]);
  return { ...patch, user_email: email.value };
}
