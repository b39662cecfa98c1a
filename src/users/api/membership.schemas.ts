import { z } from "@hono/zod-openapi";
import { text } from "../../platform/http/text.schemas.ts";
import { MEMBERSHIP_EVENT_TYPES, MEMBERSHIP_STATUSES, MEMBERSHIP_TERMS } from "../domain/membership.ts";

export const MembershipSchema = z
  .object({
    membership_user_id: z.string(),
    membership_tier: z.string(),
    membership_tier_version: z.string(),
    membership_term: z.enum(MEMBERSHIP_TERMS),
    membership_status: z
      .enum(MEMBERSHIP_STATUSES)
      .openapi({ description: "Empty: good standing (seed 003)" }),
    membership_event_source: z.string(),
    membership_event_type: z.enum(MEMBERSHIP_EVENT_TYPES),
    membership_confirmation_id: z.string().optional(),
    membership_subscription_id: z.string().optional(),
    membership_is_pending_downgrade: z.boolean(),
    membership_pending_tier: z.string().optional(),
    membership_downgrade_date: z.string().optional(),
    membership_start_date: z.string().openapi({ format: "date-time" }),
    membership_reactivation_date: z.string().optional(),
    membership_pause_date: z.string().optional(),
    membership_unpause_date: z.string().optional(),
    membership_pause_duration_months: z.number().int().optional(),
  })
  .openapi("Membership", {
    example: {
      membership_user_id: "auth0|6568a1f2c0ffee",
      membership_tier: "premium",
      membership_tier_version: "v1",
      membership_term: "MONTHLY",
      membership_status: "",
      membership_event_source: "user",
      membership_event_type: "MEMBERSHIP_UPGRADE",
      membership_confirmation_id: "pay_01J9Z8",
      membership_is_pending_downgrade: false,
      membership_start_date: "2026-11-22T09:30:00.000Z",
    },
  });

export const ReasonSchema = z
  .strictObject({
    reason: text({
      max: 500,
      multiline: true,
      description: "A note for the record (staff read it as written, so it may run over several lines).",
    }).openapi({ example: "suspected identity fraud" }),
  })
  .openapi("Reason");
