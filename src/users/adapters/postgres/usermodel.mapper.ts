import type { UserRecord } from "../../domain/user-change.ts";
import type { NewUsermodelRow, UsermodelRow } from "./usermodel.table.ts";

/**
 * Text PostgreSQL cannot hold, in values stored before the API refused them (the users table keeps the
 * originals): NUL (`0x00`), which it refuses, so the change would fail forever, is dropped; a lone
 * surrogate, which has no UTF-8 form, becomes U+FFFD here rather than wherever the driver encodes it
 * (`pg` does the same through Buffer: it never fails, but the copy should not depend on that).
 */
function storable<T extends string | null>(text: T): T {
  return (text === null ? text : text.replaceAll("\u0000", "").toWellFormed()) as T;
}

/** A USER version as its `usermodel` row (seed 003 columns; employment_validation mirrors user_status). */
export function toUsermodelRow(user: UserRecord): NewUsermodelRow {
  const row = rowOf(user);
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      typeof value === "string" ? storable(value) : value,
    ]),
  ) as NewUsermodelRow;
}

function rowOf(user: UserRecord): NewUsermodelRow {
  return {
    user_id: user.user_id,
    first_name: user.user_first_name ?? null,
    last_name: user.user_last_name ?? null,
    email: user.user_email,
    address: user.user_address ?? null,
    city: user.user_city ?? null,
    state: user.user_state ?? null,
    zip_code: user.user_zip_code ?? null,
    phone: user.user_phone ?? null,
    date_joined: new Date(user.user_date_joined),
    date_updated: new Date(user.user_date_updated),
    employment_validation: user.user_status,
    install_id: user.user_install_id ?? null,
    firebase_instance_id: user.user_firebase_instance_id ?? null,
    appsflyer_id: user.user_appsflyer_id ?? null,
    app_platform: user.user_app_platform ?? null,
  };
}

/** A row back in the API's vocabulary; empty columns are left out, as the user record leaves them out. */
export function fromUsermodelRow(row: UsermodelRow): UserRecord {
  const optional = {
    user_first_name: row.first_name,
    user_last_name: row.last_name,
    user_address: row.address,
    user_city: row.city,
    user_state: row.state,
    user_zip_code: row.zip_code,
    user_phone: row.phone,
    user_install_id: row.install_id,
    user_firebase_instance_id: row.firebase_instance_id,
    user_appsflyer_id: row.appsflyer_id,
    user_app_platform: row.app_platform,
  };
  return {
    user_id: row.user_id,
    user_email: row.email ?? "",
    user_status: row.employment_validation,
    user_date_joined: row.date_joined.toISOString(),
    user_date_updated: row.date_updated.toISOString(),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== null)),
  };
}
