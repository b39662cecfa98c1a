import { z } from "@hono/zod-openapi";

export const TagParams = z.object({
  user_id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "user_id", in: "path" }, example: "auth0|6568a1f2c0ffee" }),
  tag_name: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "tag_name", in: "path" }, example: "PAUSE_SUB_DISABLED" }),
});

export const TagValueSchema = z
  .strictObject({ tag_value: z.string().openapi({ example: "true" }) })
  .openapi("TagValue", {
    description:
      "Common tags are checked (seed 003): MEMBERSHIP_PAUSE_STATUS takes one of its four values; PAUSE_SUB_DISABLED and " +
      'is_employee take "true" or "false"; START_DATE and is_military are written only by sign-up and the MLA lookup (422). ' +
      "Other names: a letter, then up to 63 letters, digits, _ . -; values up to 256 characters.",
  });
