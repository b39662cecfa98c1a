import { ForbiddenError, ValidationError } from "../../../platform/errors/app.errors.ts";
import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { normalizeEmail, sanitizePhone } from "../../domain/contact.ts";
import { newPhoneRecord } from "../../domain/phone.ts";
import { signUp, type User, type UserProfile } from "../../domain/user.ts";
import type { PhoneMirror } from "../../ports/phone-mirror.port.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { copyToLegacyTable } from "../phone/legacy-phone-copy.steps.ts";
import { requireEmailUnheld } from "./email-in-use.policy.ts";
import { userCreated } from "./user.events.ts";

export interface CreateUserDeps extends AfterCommitDeps {
  readonly users: UserRepository;
  readonly phoneMirror: PhoneMirror;
  readonly clock: Clock;
}

/**
 * Signs up the caller: the user id is the token's subject, and the token must show MFA (seed 000). The
 * email must be no other user's (409, never saying whose).
 */
export async function createUser(
  deps: CreateUserDeps,
  principal: Principal | undefined,
  input: UserProfile,
): Promise<User> {
  const caller = requireKind(principal, ["user"]);
  if (!caller.mfa) {
    throw new ForbiddenError(
      "signing up needs a token that shows multi-factor authentication (amr must contain mfa)",
    );
  }
  const now = deps.clock.now();
  const { user, startTag } = signUp(caller.id, normalizeProfile(input), now);
  const phone = user.user_phone ? newPhoneRecord(user.user_id, user.user_phone, now) : undefined;
  await requireEmailUnheld(deps.users, user.user_email, user.user_id);
  await deps.users.create(user, startTag, "USER_CREATED", phone);
  await publishAfterCommit(deps, [userCreated(user, now)]);
  if (phone) {
    const finish = `PUT /{user_id}/phone with the same number finishes it`;
    await copyToLegacyTable(deps.phoneMirror, phone, "the account is created", finish);
  }
  return user;
}

function normalizeProfile(input: UserProfile): UserProfile {
  const email = normalizeEmail(input.user_email);
  const phone = input.user_phone === undefined ? undefined : sanitizePhone(input.user_phone);
  const issues = [
    ...(email.ok ? [] : [{ path: "user_email", message: email.reason }]),
    ...(phone && !phone.ok ? [{ path: "user_phone", message: phone.reason }] : []),
  ];
  if (!email.ok || (phone && !phone.ok)) throw new ValidationError(issues);
  return { ...input, user_email: email.value, ...(phone ? { user_phone: phone.value } : {}) };
}
