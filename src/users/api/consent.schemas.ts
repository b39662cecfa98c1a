import { z } from "@hono/zod-openapi";
import { text } from "../../platform/http/text.schemas.ts";
import {
  APP_VERSION,
  APP_VERSION_RULE,
  CONSENT_KEY,
  CONSENT_KEY_RULE,
  checkAgreementTimestamp,
} from "../domain/consent.ts";
import { reasonOf } from "../domain/contact.ts";

const consentKey = text({
  max: 64,
  pattern: { regex: CONSENT_KEY, message: CONSENT_KEY_RULE },
  description: "Lower snake case, 1-64 characters, starting with a letter",
}).openapi({ example: "terms_of_service" });
const agreementTimestamp = text({
  max: 24,
  rule: reasonOf(checkAgreementTimestamp),
  description: "Server time of the agreement, RFC 3339 UTC with milliseconds",
}).openapi({ format: "date-time", example: "2026-11-22T09:30:00.000Z" });

/** The body refuses any field it does not name, and says why for the one a client may try to send. */
export const ConsentInputSchema = z
  .strictObject(
    {
      consent_key: consentKey,
      item_id: text({ max: 128, description: "The item the consent is about (e.g. a Plaid item)." })
        .optional()
        .openapi({ example: "plaid-item-7Kx2" }),
      sms_active: z.boolean().optional().openapi({ description: "Defaults to false", example: false }),
      agreement_app_version: text({
        max: 32,
        pattern: { regex: APP_VERSION, message: APP_VERSION_RULE },
      }).openapi({ example: "4.12.0" }),
      agreement_approval_date: text({
        max: 10,
        pattern: {
          regex: /^\d{4}-\d{2}-\d{2}$/,
          message: "must be a calendar date YYYY-MM-DD, e.g. 2026-11-22",
        },
        description: "As the client shows it; not after the client's possible today",
      }).openapi({ format: "date", example: "2026-11-22" }),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" && issue.keys.includes("agreement_ip_address")
          ? "agreement_ip_address is taken from the request's source address; it cannot be sent"
          : undefined,
    },
  )
  .openapi("ConsentInput", {
    description: "agreement_timestamp and agreement_ip_address are set by the server",
    example: {
      consent_key: "terms_of_service",
      agreement_app_version: "4.12.0",
      agreement_approval_date: "2026-11-22",
    },
  });

export const ConsentSchema = z
  .object({
    user_id: z.string(),
    consent_key: z.string(),
    item_id: z.string().optional(),
    sms_active: z.boolean(),
    sms_agreement_timestamp: z.string().optional().openapi({
      format: "date-time",
      description: "Server time; present exactly when sms_active is true",
    }),
    agreement_timestamp: z.string().openapi({ format: "date-time" }),
    agreement_ip_address: z.string().openapi({ description: "The request's source address" }),
    agreement_app_version: z.string(),
    agreement_approval_date: z.string().openapi({ format: "date" }),
  })
  .openapi("Consent", {
    example: {
      user_id: "auth0|6568a1f2c0ffee",
      consent_key: "sms",
      sms_active: true,
      sms_agreement_timestamp: "2026-11-22T09:30:00.000Z",
      agreement_timestamp: "2026-11-22T09:30:00.000Z",
      agreement_ip_address: "203.0.113.7",
      agreement_app_version: "4.12.0",
      agreement_approval_date: "2026-11-22",
    },
  });

export const ConsentLookupParams = z.object({
  consent_key: consentKey.openapi({ param: { name: "consent_key", in: "path" } }),
  timestamp: agreementTimestamp.openapi({ param: { name: "timestamp", in: "path" } }),
});
