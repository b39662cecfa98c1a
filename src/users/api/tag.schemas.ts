import { z } from "@hono/zod-openapi";
import { text } from "../../platform/http/text.schemas.ts";
import { MAX_TAG_VALUE_LENGTH } from "../domain/tag.ts";
import { userIdParam } from "./user.schemas.ts";

export const TagParams = z.object({
  user_id: userIdParam(),
  tag_name: text({ max: 64 }).openapi({
    param: { name: "tag_name", in: "path" },
    example: "PAUSE_SUB_DISABLED",
  }),
});

export const TagValueSchema = z
  .strictObject({
    tag_value: text({ min: 0, max: MAX_TAG_VALUE_LENGTH }).openapi({ example: "true" }),
  })
  .openapi("TagValue", {
    description:
      "Common tags are checked (seed 003): MEMBERSHIP_PAUSE_STATUS takes one of its four values; PAUSE_SUB_DISABLED and " +
      'is_employee take "true" or "false"; START_DATE and is_military are written only by sign-up and the MLA lookup (422). ' +
      "Other names: a letter, then up to 63 letters, digits, _ . -; values up to 256 characters.",
  });
