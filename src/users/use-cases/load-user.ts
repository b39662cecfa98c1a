import type { User } from "../domain/user.ts";
import type { UserRepository } from "../ports/user.repository.ts";
import { UserNotFoundError } from "./user.errors.ts";

/** The current version, or 404. */
export async function loadUser(users: UserRepository, userId: string): Promise<User> {
  const user = await users.current(userId);
  if (!user) throw new UserNotFoundError(userId);
  return user;
}
