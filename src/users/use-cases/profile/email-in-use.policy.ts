import { EmailInUseError } from "../../domain/user.errors.ts";
import type { UserRepository } from "../../ports/user.repository.ts";

/**
 * Refuses an address another user already holds without a claim: a user from before emails were
 * claimed. (Claimed addresses are refused by the claim itself, race-free, in the write's transaction.)
 * The lookup index may still show a user who has just moved to another address (it is eventually
 * consistent on AWS), so each holder's current version has the last word.
 */
export async function requireEmailUnheld(
  users: UserRepository,
  email: string,
  userId: string,
): Promise<void> {
  for (const holder of await users.findByEmail(email)) {
    if (holder.user_id === userId) continue;
    const current = await users.current(holder.user_id);
    if (current?.user_email === email) throw new EmailInUseError();
  }
}
