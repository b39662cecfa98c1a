import * as z from "zod";
import type { FetchRequest } from "../domain/fetch-request.ts";

export const FETCH_MESSAGE_EXAMPLE: FetchRequest = {
  platform: "apple",
  app: "dev.roster.app",
  environment: "sandbox",
  storeId: "2000000812345678",
  reason: "notification",
  requestId: "apple:6f1c2a9e-3b7d-4e8a-9c0f-5d2e1b4a7c3e",
};

/**
 * The fetch queue's body (JSON, FIFO queue `{stage}-purchases-fetch.fifo`, message group = the
 * subscription): the notification handler, the link calls, revalidation and the replay write it, the
 * fetch worker parses it. It holds a store id (a purchase token for Google) and nothing else of the user.
 */
export const FetchMessageSchema = z
  .strictObject({
    platform: z.enum(["apple", "google"]),
    app: z.string().min(1).max(255),
    environment: z.enum(["production", "sandbox"]),
    storeId: z.string().min(1).max(1024),
    productId: z.string().min(1).max(255).optional(),
    reason: z.enum(["notification", "link", "revalidation", "replay"]),
    requestId: z.string().min(1).max(512),
    revoked: z.boolean().optional(),
  })
  .meta({
    title: "FetchSubscription",
    description: "Read the store's state of this subscription again and keep it if newer.",
    examples: [FETCH_MESSAGE_EXAMPLE],
  }) satisfies z.ZodType<FetchRequest>;
