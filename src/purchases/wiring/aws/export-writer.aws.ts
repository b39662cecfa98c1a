import { awsObjectStore } from "../../../platform/adapters/aws/s3-object-store.factory.ts";
import { NdjsonGzipWriter } from "../../adapters/export/ndjson-gzip.writer.ts";
import type { ExportWriter } from "../../ports/export.port.ts";
import type { PurchasesAwsConfig } from "../config/purchases.config.ts";

/** The exports' and snapshots' writer on the object store's bucket (keys under `purchases/`). */
export function exportWriter(config: Pick<PurchasesAwsConfig, "EXPORT_BUCKET" | "AWS_REGION">): ExportWriter {
  return new NdjsonGzipWriter(awsObjectStore(config.EXPORT_BUCKET, config.AWS_REGION));
}
