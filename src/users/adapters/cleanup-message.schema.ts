import { z } from "zod";
import { CLEANUP_REASONS, type CleanupMessage } from "../ports/cleanup-queue.port.ts";

/** The cleanup message's body on the wire (JSON): both queues write it, the worker parses it. */
export const CleanupMessageSchema = z.strictObject({
  user_id: z.string().min(1),
  reason: z.enum(CLEANUP_REASONS),
  requested_at: z.iso.datetime(),
}) satisfies z.ZodType<CleanupMessage>;
