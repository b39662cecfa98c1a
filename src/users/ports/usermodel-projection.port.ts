import type { UserRecord } from "../domain/user-change.ts";

/** The `usermodel` profile table, kept as a projection of the USER versions. */
export interface UsermodelProjection {
  /**
   * Makes `user` the user's row unless the row already holds this version or a newer one (by
   * `user_date_updated`). Returns whether it wrote. Safe to repeat and to call out of order.
   */
  upsert(user: UserRecord): Promise<boolean>;
}
