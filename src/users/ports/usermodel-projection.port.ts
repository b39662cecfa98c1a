import type { UserRecord } from "../domain/user-change.ts";

/** The `usermodel` profile table, kept as a projection of the USER versions. */
export interface UsermodelProjection {
  /**
   * Makes `user` the user's row unless the row already holds this version or a newer one (by
   * `user_date_updated`). Returns whether it wrote. Safe to repeat and to call out of order.
   */
  upsert(user: UserRecord): Promise<boolean>;
  /**
   * `upsert` of many versions at once, with the same rule: for each user only the newest version given
   * can be written (the first of equal ones), and only over an older row. Answers, for each version in
   * the order given, whether it was written. Throws when the database refuses any of them (which one is
   * not said: `upsert` them one by one to find out).
   */
  upsertMany(users: readonly UserRecord[]): Promise<boolean[]>;
}
