import type { User } from "./user.ts";

/** A version of the user record without its tags cache: what the `usermodel` projection holds. */
export type UserRecord = Omit<User, "tags">;

/** What one change of the users table means for the user's projections. */
export type UserChange =
  /** A USER version was written (inserted, or modified in place, e.g. marked superseded). */
  | { readonly kind: "version-written"; readonly user: UserRecord }
  /** A USER version was deleted (TTL, clean-up). */
  | { readonly kind: "version-removed"; readonly userId: string }
  /** Any other item of the table (TAG, MEMBERSHIP, CONSENT, ...). */
  | { readonly kind: "not-a-user" };
