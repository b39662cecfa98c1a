import * as z from "zod";

/**
 * One change of a subscription, as the historical snapshot queue carries it (the model's per-change
 * queue): the subscription as the export shows it (tokens digested, no account token), the day of the
 * change, and its version (a snapshot is the same on every redelivery of its change).
 */
export const SNAPSHOT_EXAMPLE = {
  subscriptionId: "apple:2000000812345678",
  version: 2,
  snapshotDate: "2027-01-01",
  payload: { subscriptionId: "apple:2000000812345678", state: "ACTIVE", autoRenew: true, version: 2 },
};

export const SnapshotMessageSchema = z
  .strictObject({
    subscriptionId: z.string().min(1),
    version: z.number().int().positive(),
    snapshotDate: z.iso.date(),
    payload: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ title: "SubscriptionSnapshot", examples: [SNAPSHOT_EXAMPLE] });
export type SnapshotMessage = z.infer<typeof SnapshotMessageSchema>;
