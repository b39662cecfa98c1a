/** The user record of seed 003, with its attribute names. */

export const USER_STATUSES = ["PROCESSING", "ACTIVE", "PAUSED", "INVESTIGATE", "BANNED"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const APP_PLATFORMS = ["ios", "android"] as const;
export type AppPlatform = (typeof APP_PLATFORMS)[number];

/** Event types the feeder publishes for USER records. */
export type UserEventType = "USER_CREATED" | "USER_ACTIVE" | "USER_UPDATED" | "USER_STATUS_CHANGED";

export interface Tag {
  readonly tag_name: string;
  readonly tag_value: string;
  readonly tag_archived: boolean;
  /** RFC 3339. */
  readonly added_on: string;
}

export interface UserProfile {
  readonly user_email: string;
  readonly user_first_name?: string;
  readonly user_last_name?: string;
  readonly user_address?: string;
  readonly user_city?: string;
  readonly user_state?: string;
  readonly user_zip_code?: string;
  /** Sanitized 10-digit phone number. */
  readonly user_phone?: string;
  readonly user_install_id?: string;
  readonly user_firebase_instance_id?: string;
  readonly user_appsflyer_id?: string;
  readonly user_app_platform?: AppPlatform;
}

export interface User extends UserProfile {
  /** Auth0-generated user identifier. */
  readonly user_id: string;
  readonly user_status: UserStatus;
  /** Why an operator or a service set the status (ban, investigation); not in seed 003. */
  readonly user_status_reason?: string;
  /** The status an investigation interrupted, restored when it is cleared; not in seed 003. */
  readonly user_status_before_investigation?: UserStatus;
  /** RFC 3339. */
  readonly user_date_joined: string;
  /** RFC 3339; also the version of the record (its sort key holds it as Unix milliseconds). */
  readonly user_date_updated: string;
  /**
   * Who wrote this version: `user` (the user themself), `service:<name>` or `operator:<id>` (as a
   * membership record's `membership_event_source`); absent on versions written before it was kept.
   */
  readonly user_updated_by?: string;
  /** Denormalized cache of the user's tags; the TAG items are canonical. */
  readonly tags: Readonly<Record<string, Tag>>;
}

export const START_DATE_TAG = "START_DATE";

/** A new sign-up: PROCESSING, with the START_DATE tag recording when it happened. */
export function signUp(userId: string, profile: UserProfile, now: Date): { user: User; startTag: Tag } {
  const at = now.toISOString();
  const startTag: Tag = { tag_name: START_DATE_TAG, tag_value: at, tag_archived: false, added_on: at };
  const user: User = {
    ...profile,
    user_id: userId,
    user_status: "PROCESSING",
    user_date_joined: at,
    user_date_updated: at,
    user_updated_by: "user",
    tags: { [START_DATE_TAG]: startTag },
  };
  return { user, startTag };
}
