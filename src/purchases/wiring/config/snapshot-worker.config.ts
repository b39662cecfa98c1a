import type * as z from "zod";
import { commonConfigSchema } from "../../../platform/config/common.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { purchasesAwsConfigSchema } from "./purchases.config.ts";

/** The snapshot worker's variables: the object store it archives the snapshots into, nothing else. */
export const snapshotWorkerConfigSchema = commonConfigSchema.extend(
  purchasesAwsConfigSchema.pick({ AWS_REGION: true, EXPORT_BUCKET: true }).shape,
);

export type SnapshotWorkerConfig = z.infer<typeof snapshotWorkerConfigSchema>;

export const loadSnapshotWorkerConfig = (
  env: Record<string, string | undefined> = process.env,
): SnapshotWorkerConfig => parseConfig(snapshotWorkerConfigSchema, env);
