import { z } from "@hono/zod-openapi";
import { normalizeEmail, sanitizePhone } from "../domain/contact.ts";
import { APP_PLATFORMS, USER_STATUSES } from "../domain/user.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

const email = z.string().superRefine((value, ctx) => {
  const checked = normalizeEmail(value);
  if (!checked.ok) ctx.addIssue({ code: "custom", message: checked.reason });
});

const phone = z.string().superRefine((value, ctx) => {
  const checked = sanitizePhone(value);
  if (!checked.ok) ctx.addIssue({ code: "custom", message: checked.reason });
});

export const SignUpSchema = z
  .strictObject({
    user_email: email.openapi({
      description: "Trimmed and lower-cased",
      example: "Ada.Lovelace@Example.com ",
    }),
    user_first_name: text(100).optional().openapi({ example: "Ada" }),
    user_last_name: text(100).optional().openapi({ example: "Lovelace" }),
    user_phone: phone
      .optional()
      .openapi({ description: "Sanitized to 10 US digits", example: "(555) 201-7788" }),
    user_address: text(200).optional().openapi({ example: "12 Analytical Row" }),
    user_city: text(100).optional().openapi({ example: "Austin" }),
    user_state: z
      .string()
      .regex(/^[A-Z]{2}$/, "must be a two-letter state code")
      .optional()
      .openapi({ example: "TX" }),
    user_zip_code: z
      .string()
      .regex(/^\d{5}(-\d{4})?$/, "must be a ZIP or ZIP+4 code")
      .optional()
      .openapi({ example: "78701" }),
    user_app_platform: z.enum(APP_PLATFORMS).optional(),
    user_install_id: text(200).optional(),
    user_firebase_instance_id: text(200).optional(),
    user_appsflyer_id: text(200).optional(),
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
});

export const UserSchema = UserFieldsSchema.extend({ tags: z.record(z.string(), TagSchema) }).openapi("User", {
  example: {
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
  },
});

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const ProfilePatchSchema = z
  .strictObject({
    user_email: email.optional().openapi({ description: "Trimmed and lower-cased; moves the email lookup" }),
    user_first_name: nullable(text(100)),
    user_last_name: nullable(text(100)),
    user_address: nullable(text(200)),
    user_city: nullable(text(100)),
    user_state: nullable(z.string().regex(/^[A-Z]{2}$/, "must be a two-letter state code")),
    user_zip_code: nullable(z.string().regex(/^\d{5}(-\d{4})?$/, "must be a ZIP or ZIP+4 code")),
    user_app_platform: nullable(z.enum(APP_PLATFORMS)),
    user_install_id: nullable(text(200)),
    user_firebase_instance_id: nullable(text(200)),
    user_appsflyer_id: nullable(text(200)),
  })
  .openapi("ProfilePatch", {
    description:
      "Fields to change; null clears an optional field. The phone changes through PUT /{user_id}/phone.",
    example: { user_city: "Dallas", user_zip_code: "75201", user_appsflyer_id: null },
  });

export const UserIdParams = z.object({
  user_id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "user_id", in: "path" }, example: "auth0|6568a1f2c0ffee" }),
});

export const UserLookupQuery = z
  .object({
    email: z.string().optional().openapi({ example: "ada.lovelace@example.com" }),
    phone: z.string().optional().openapi({ example: "5552017788" }),
  })
  .refine((q) => (q.email === undefined) !== (q.phone === undefined), {
    message: "give exactly one of email or phone",
  });

export const UserListSchema = z.object({ items: z.array(UserSchema) }).openapi("UserList");

export const UserVersionSchema = UserSchema.extend({
  event_type: z
    .enum(["USER_CREATED", "USER_ACTIVE", "USER_UPDATED", "USER_STATUS_CHANGED"])
    .openapi({ description: "What wrote this version" }),
}).openapi("UserVersion");
