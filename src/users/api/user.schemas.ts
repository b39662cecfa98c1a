import { z } from "@hono/zod-openapi";
import { text } from "../../platform/http/text.schemas.ts";
import { MAX_EMAIL_LENGTH, normalizeEmail, reasonOf, sanitizePhone } from "../domain/contact.ts";
import { APP_PLATFORMS, USER_STATUSES } from "../domain/user.ts";

/** Names, addresses, app ids: one line of text, nothing trimmed (surrounding whitespace is refused). */
const line = (max: number) => text({ max });

/** Contact details whose documented normalisation trims: surrounding spaces are allowed (and dropped). */
const email = (description: string) =>
  text({
    max: MAX_EMAIL_LENGTH,
    surroundingSpace: "allow",
    rule: reasonOf(normalizeEmail),
    description,
  });

export const PHONE_INPUT_MAX = 32;
const phone = (description: string) =>
  text({
    max: PHONE_INPUT_MAX,
    surroundingSpace: "allow",
    rule: reasonOf(sanitizePhone),
    description,
  });

export const STATE_CODE = text({
  max: 2,
  pattern: { regex: /^[A-Z]{2}$/, message: "must be a two-letter state code" },
});
export const ZIP_CODE = text({
  max: 10,
  pattern: { regex: /^\d{5}(-\d{4})?$/, message: "must be a ZIP or ZIP+4 code" },
});

export const SignUpSchema = z
  .strictObject({
    user_email: email("Trimmed and lower-cased; unique among users (409 when another user holds it)").openapi(
      { example: "Ada.Lovelace@Example.com " },
    ),
    user_first_name: line(100).optional().openapi({ example: "Ada" }),
    user_last_name: line(100).optional().openapi({ example: "Lovelace" }),
    user_phone: phone("Sanitized to 10 US digits").optional().openapi({ example: "(555) 201-7788" }),
    user_address: line(200).optional().openapi({ example: "12 Analytical Row" }),
    user_city: line(100).optional().openapi({ example: "Austin" }),
    user_state: STATE_CODE.optional().openapi({ example: "TX" }),
    user_zip_code: ZIP_CODE.optional().openapi({ example: "78701" }),
    user_app_platform: z.enum(APP_PLATFORMS).optional(),
    user_install_id: line(200).optional(),
    user_firebase_instance_id: line(200).optional(),
    user_appsflyer_id: line(200).optional(),
  })
  .openapi("SignUp");

export const TagSchema = z
  .object({
    tag_name: z.string(),
    tag_value: z.string(),
    tag_archived: z.boolean(),
    added_on: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Tag", {
    example: {
      tag_name: "PAUSE_SUB_DISABLED",
      tag_value: "true",
      tag_archived: false,
      added_on: "2026-11-22T09:30:00.000Z",
    },
  });

/** The user record's fields without its tags map: the current profile. */
export const UserFieldsSchema = z.object({
  user_id: z.string(),
  user_email: z.string(),
  user_first_name: z.string().optional(),
  user_last_name: z.string().optional(),
  user_phone: z.string().optional(),
  user_address: z.string().optional(),
  user_city: z.string().optional(),
  user_state: z.string().optional(),
  user_zip_code: z.string().optional(),
  user_status: z.enum(USER_STATUSES),
  user_status_reason: z
    .string()
    .optional()
    .openapi({ description: "Why the status was set (ban, investigation)" }),
  user_status_before_investigation: z.enum(USER_STATUSES).optional(),
  user_app_platform: z.enum(APP_PLATFORMS).optional(),
  user_install_id: z.string().optional(),
  user_firebase_instance_id: z.string().optional(),
  user_appsflyer_id: z.string().optional(),
  user_date_joined: z.string().openapi({ format: "date-time" }),
  user_date_updated: z.string().openapi({ format: "date-time" }),
  user_updated_by: z.string().optional().openapi({
    description:
      "Who wrote this version: `user` (the user themself), `service:<name>` or `operator:<id>`; absent on versions written before it was kept",
    example: "operator:mx-kim",
  }),
});

/** A user as the API answers it: the example of `User` and, with what wrote it, of `UserVersion`. */
const USER_EXAMPLE = {
  user_id: "auth0|6568a1f2c0ffee",
  user_email: "ada.lovelace@example.com",
  user_first_name: "Ada",
  user_phone: "5552017788",
  user_status: "PROCESSING",
  user_date_joined: "2026-11-22T09:30:00.000Z",
  user_date_updated: "2026-11-22T09:30:00.000Z",
  tags: {
    START_DATE: {
      tag_name: "START_DATE",
      tag_value: "2026-11-22T09:30:00.000Z",
      tag_archived: false,
      added_on: "2026-11-22T09:30:00.000Z",
    },
  },
};

export const UserSchema = UserFieldsSchema.extend({ tags: z.record(z.string(), TagSchema) }).openapi("User", {
  example: USER_EXAMPLE,
});

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const ProfilePatchSchema = z
  .strictObject({
    user_email: email(
      "Trimmed and lower-cased; moves the email lookup and frees the old address; 409 when another user holds it",
    ).optional(),
    user_first_name: nullable(line(100)),
    user_last_name: nullable(line(100)),
    user_address: nullable(line(200)),
    user_city: nullable(line(100)),
    user_state: nullable(STATE_CODE),
    user_zip_code: nullable(ZIP_CODE),
    user_app_platform: nullable(z.enum(APP_PLATFORMS)),
    user_install_id: nullable(line(200)),
    user_firebase_instance_id: nullable(line(200)),
    user_appsflyer_id: nullable(line(200)),
  })
  .openapi("ProfilePatch", {
    description:
      "Fields to change; null clears an optional field. The phone changes through PUT /{user_id}/phone.",
    example: { user_city: "Dallas", user_zip_code: "75201", user_appsflyer_id: null },
  });

/** A user id as path parameter: the token's subject (Auth0's `auth0|...`), at most 128 characters. */
export const userIdParam = () =>
  text({ max: 128 }).openapi({ param: { name: "user_id", in: "path" }, example: "auth0|6568a1f2c0ffee" });

export const UserIdParams = z.object({ user_id: userIdParam() });

export const UserLookupQuery = z
  .object({
    email: email("Matched as stored: trimmed and lower-cased")
      .optional()
      .openapi({ param: { name: "email", in: "query" }, example: "ada.lovelace@example.com" }),
    phone: phone("Any usual US format, matched as its 10 digits")
      .optional()
      .openapi({ param: { name: "phone", in: "query" }, example: "5552017788" }),
  })
  .refine((q) => (q.email === undefined) !== (q.phone === undefined), {
    message: "give exactly one of email or phone",
  });

export const UserListSchema = z.object({ items: z.array(UserSchema) }).openapi("UserList");

export const UserVersionSchema = UserSchema.extend({
  event_type: z
    .enum(["USER_CREATED", "USER_ACTIVE", "USER_UPDATED", "USER_STATUS_CHANGED"])
    .openapi({ description: "What wrote this version" }),
}).openapi("UserVersion", { example: { ...USER_EXAMPLE, event_type: "USER_CREATED" } });
