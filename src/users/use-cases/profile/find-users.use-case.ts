import { ValidationError } from "../../../platform/errors/app.errors.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { normalizeEmail, sanitizePhone } from "../../domain/contact.ts";
import type { User } from "../../domain/user.ts";
import type { UserRepository } from "../../ports/user.repository.ts";

export interface FindUsersDeps {
  readonly users: UserRepository;
}

export type UserLookup = { readonly email: string } | { readonly phone: string };

/** Exact lookup by email or phone, normalized the way they are stored; staff only. */
export async function findUsers(
  deps: FindUsersDeps,
  principal: Principal | undefined,
  by: UserLookup,
): Promise<User[]> {
  requireKind(principal, ["service", "operator"]);
  if ("email" in by) {
    const email = normalizeEmail(by.email);
    if (!email.ok) throw new ValidationError([{ path: "email", message: email.reason }]);
    return deps.users.findByEmail(email.value);
  }
  const phone = sanitizePhone(by.phone);
  if (!phone.ok) throw new ValidationError([{ path: "phone", message: phone.reason }]);
  return deps.users.findByPhone(phone.value);
}
