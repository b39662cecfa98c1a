import * as z from "zod";

/**
 * One change of a subscription, as the historical snapshot queue carries it (the model's per-change
 * queue): the subscription as the export shows it (tokens digested, no account token), the day of the
 * change, and its version (a snapshot is the same on every redelivery of its change).
 */
export const SnapshotMessageSchema = z.strictObject({
  subscriptionId: z.string().min(1),
  version: z.number().int().positive(),
  snapshotDate: z.iso.date(),
  payload: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type SnapshotMessage = z.infer<typeof SnapshotMessageSchema>;
