import { z } from "@hono/zod-openapi";
import { text } from "../../platform/http/text.schemas.ts";
import { PHONE_INPUT_MAX } from "./user.schemas.ts";

export const PhoneRecordSchema = z
  .object({
    user_id: z.string(),
    phone_number: z.string().openapi({ description: "Sanitized 10-digit US number" }),
    last_updated: z.string().openapi({ format: "date-time" }),
    is_opted_out: z.boolean(),
    is_phone_verified: z.boolean(),
  })
  .openapi("PhoneRecord", {
    example: {
      user_id: "auth0|6568a1f2c0ffee",
      phone_number: "5552017788",
      last_updated: "2026-11-22T09:30:00.000Z",
      is_opted_out: false,
      is_phone_verified: true,
    },
  });

export const SetPhoneSchema = z
  .strictObject({
    phone_number: text({
      max: PHONE_INPUT_MAX,
      surroundingSpace: "allow",
      description: "Surrounding spaces are trimmed",
    }).openapi({ example: "+1 (555) 201-7788" }),
  })
  .openapi("SetPhone", {
    description: "Any usual US format; stored as 10 digits. A new number starts unverified and opted in.",
  });

export const OptOutSchema = z
  .strictObject({ is_opted_out: z.boolean().openapi({ example: true }) })
  .openapi("PhoneOptOut");
