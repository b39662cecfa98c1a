import { StoreExportReader } from "../../adapters/dynamodb/export.reader.ts";
import type { ExportDeps } from "../../use-cases/schedules/export-day.use-case.ts";
import {
  runExport,
  runReplay,
  runRevalidation,
  type ScheduledJobsDeps,
} from "../../workers/scheduled-jobs.worker.ts";
import { loadExportConfig } from "../config/export.config.ts";
import { loadReplayConfig } from "../config/replay.config.ts";
import { loadRevalidationConfig } from "../config/revalidation.config.ts";
import { exportWriter } from "./export-writer.aws.ts";
import { awsPurchasesDeps, type PurchasesAwsBase, purchasesAwsBase } from "./purchases.aws.ts";
import { PurchasesSecrets } from "./secrets.aws.ts";
import {
  appleTrust,
  appleVerifier,
  appStoreApi,
  noAppleVerifier,
  noAppStoreApi,
  noGoogleVerifier,
  noPlayApi,
  notHere,
} from "./store-clients.aws.ts";

/** The schedules' handler: EventBridge Scheduler's event is not read; a thrown run goes to the schedules' DLQ. */
type ScheduledHandler = (event: unknown) => Promise<void>;

const noExport = (fn: string): ExportDeps => ({
  reader: notHere<ExportDeps["reader"]>("export.reader", fn),
  writer: notHere<ExportDeps["writer"]>("export.writer", fn),
});

function jobs(base: PurchasesAwsBase, purchases: ScheduledJobsDeps["purchases"], exported: ExportDeps) {
  return { purchases, export: exported, logger: base.logger };
}

/** Every 15 minutes: one 24th of the expiry window read from the expiry index, its fetches queued. */
export function revalidationHandler(env: Record<string, string | undefined>): ScheduledHandler {
  const config = loadRevalidationConfig(env);
  const base = purchasesAwsBase(config, "revalidation");
  const purchases = awsPurchasesDeps(base, config.FETCH_QUEUE_URL, {
    apps: config.PURCHASES_APPS,
    apple: { verifier: noAppleVerifier("revalidation"), api: noAppStoreApi("revalidation") },
    google: { verifier: noGoogleVerifier("revalidation"), api: noPlayApi("revalidation") },
  });
  const deps = jobs(base, purchases, noExport("revalidation"));
  return () => runRevalidation(deps);
}

/** Daily at 01:30 UTC: Apple's failed deliveries read from its notification history and received again. */
export async function replayHandler(
  env: Record<string, string | undefined>,
  secrets = new PurchasesSecrets(),
): Promise<ScheduledHandler> {
  const config = loadReplayConfig(env);
  const base = purchasesAwsBase(config, "replay");
  const trust = await appleTrust(config.PURCHASES_APPS, config);
  const purchases = awsPurchasesDeps(base, config.FETCH_QUEUE_URL, {
    apps: config.PURCHASES_APPS,
    apple: {
      verifier: appleVerifier(trust),
      api: await appStoreApi(trust, secrets, config),
    },
    google: { verifier: noGoogleVerifier("replay"), api: noPlayApi("replay") },
  });
  const deps = jobs(base, purchases, noExport("replay"));
  return () => runReplay(deps);
}

/** Daily at 00:03 UTC: the day before exported as gzipped NDJSON to the object store. */
export function exportHandler(env: Record<string, string | undefined>): ScheduledHandler {
  const config = loadExportConfig(env);
  const base = purchasesAwsBase(config, "export");
  const purchases = awsPurchasesDeps(base, "", {
    apps: config.PURCHASES_APPS,
    apple: { verifier: noAppleVerifier("export"), api: noAppStoreApi("export") },
    google: { verifier: noGoogleVerifier("export"), api: noPlayApi("export") },
  });
  const deps = jobs(base, purchases, {
    reader: new StoreExportReader(base.store),
    writer: exportWriter(config),
  });
  return () => runExport(deps);
}
