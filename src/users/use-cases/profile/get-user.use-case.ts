import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { UserNotFoundError } from "../../domain/user.errors.ts";
import type { User } from "../../domain/user.ts";
import type { UserRepository } from "../../ports/user.repository.ts";

export interface GetUserDeps {
  readonly users: UserRepository;
}

/** The current version of a user, for the user themself, a service or an operator. */
export async function getUser(
  deps: GetUserDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<User> {
  requireSelfOr(principal, userId);
  const user = await deps.users.current(userId);
  if (!user) throw new UserNotFoundError(userId);
  return user;
}
