import * as z from "zod";
import { CLEANUP_REASONS, type CleanupMessage } from "../ports/cleanup-queue.port.ts";

export const CLEANUP_MESSAGE_EXAMPLE: CleanupMessage = {
  user_id: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  reason: "CANCEL",
  requested_at: "2025-03-01T12:00:00.000Z",
};

/**
 * The cleanup message's body on the wire (JSON, queue `{stage}-user-service-cleanup`): both queues
 * write it, the cleanup worker parses it. No envelope: SQS's own MessageId and receive count serve.
 */
export const CleanupMessageSchema = z
  .strictObject({
    user_id: z.string().min(1).meta({ description: "The user whose membership ended." }),
    reason: z.enum(CLEANUP_REASONS).meta({ description: "The event type of the record that ended it." }),
    requested_at: z.iso
      .datetime()
      .meta({ description: "RFC 3339: the membership_start_date of that record (the idempotency key)." }),
  })
  .meta({
    title: "CleanupRequested",
    description: "Remove the user's Plaid items, block the Auth0 account, schedule the Array cleanup.",
    examples: [CLEANUP_MESSAGE_EXAMPLE],
  }) satisfies z.ZodType<CleanupMessage>;
