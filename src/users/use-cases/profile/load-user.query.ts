import type { Page, PageRequest } from "../../../platform/store/page.ts";
import { UserNotFoundError } from "../../domain/user.errors.ts";
import type { User } from "../../domain/user.ts";
import type { UserRepository } from "../../ports/user.repository.ts";

/** The current version, or 404. */
export async function loadUser(users: UserRepository, userId: string): Promise<User> {
  const user = await users.current(userId);
  if (!user) throw new UserNotFoundError(userId);
  return user;
}

/**
 * A page of one of the user's lists, answering 404 for an unknown user: only an empty first page
 * costs the extra read that tells "no items" from "no user".
 */
export async function userPage<T>(
  users: UserRepository,
  userId: string,
  page: PageRequest,
  list: () => Promise<Page<T>>,
): Promise<Page<T>> {
  const result = await list();
  if (result.items.length === 0 && !page.cursor) await loadUser(users, userId);
  return result;
}
