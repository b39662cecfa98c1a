import { ForbiddenError, ValidationError } from "../../platform/errors/app.errors.ts";
import { requireKind } from "../../platform/identity/authorize.ts";
import type { Principal } from "../../platform/identity/principal.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import { normalizeEmail, sanitizePhone } from "../domain/contact.ts";
import { signUp, type User, type UserProfile } from "../domain/user.ts";
import type { UserRepository } from "../ports/user.repository.ts";

export interface CreateUserDeps {
  readonly users: UserRepository;
  readonly clock: Clock;
}

/** Signs up the caller: the user id is the token's subject, and the token must show MFA (seed 000). */
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
  const { user, startTag } = signUp(caller.id, normalizeProfile(input), deps.clock.now());
  await deps.users.create(user, startTag, "USER_CREATED");
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
