import type { Tag, User, UserEventType } from "../domain/user.ts";

/** Users as versioned records: every change is a new version, the newest is current. */
export interface UserRepository {
  /** Writes the first version and the START_DATE tag together; throws UserExistsError if the user exists. */
  create(user: User, startTag: Tag, eventType: UserEventType): Promise<void>;
  /**
   * Writes `next` as the new current version of `previous`'s user, only if `previous` is still
   * current; throws ConcurrentUpdateError otherwise. The superseded version loses its lookup keys.
   */
  saveVersion(previous: User, next: User, eventType: UserEventType): Promise<void>;
  current(userId: string): Promise<User | undefined>;
  /** Current versions only. */
  findByEmail(email: string): Promise<User[]>;
  findByPhone(phone: string): Promise<User[]>;
}
