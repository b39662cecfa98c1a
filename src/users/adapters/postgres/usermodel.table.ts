import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";
import type { AppPlatform, UserStatus } from "../../domain/user.ts";

/** Mirrors user_status in DynamoDB (seed 003, "RDS: FloatMeAPI_usermodel"). */
export type EmploymentValidation = UserStatus;

/** `pg` reads timestamptz as a Date; writes accept a Date or an ISO-8601 string. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The `usermodel` table: the user's profile, keyed by the Auth0 user id. */
export interface UsermodelTable {
  user_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  zip_code: string | null;
  date_joined: Timestamp;
  date_updated: Timestamp;
  employment_validation: EmploymentValidation;
  install_id: string | null;
  firebase_instance_id: string | null;
  appsflyer_id: string | null;
  app_platform: AppPlatform | null;
  /** Sanitized 10-digit phone number (migration 0002: operator search needs it). */
  phone: string | null;
}

export interface UsersDatabase {
  usermodel: UsermodelTable;
}

export type UsermodelRow = Selectable<UsermodelTable>;
export type NewUsermodelRow = Insertable<UsermodelTable>;
export type UsermodelUpdate = Updateable<UsermodelTable>;
