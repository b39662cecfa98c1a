import type * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { purchasesAwsConfigSchema, purchasesBaseConfigSchema } from "./purchases.config.ts";

/** The daily export's variables: the object store it writes the day's documents into. */
export const exportConfigSchema = purchasesBaseConfigSchema.extend(
  purchasesAwsConfigSchema.pick({ EXPORT_BUCKET: true }).shape,
);

export type ExportConfig = z.infer<typeof exportConfigSchema>;

export const loadExportConfig = (env: Record<string, string | undefined> = process.env): ExportConfig =>
  parseConfig(exportConfigSchema, env);
