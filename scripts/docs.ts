/**
 * Rewrites the generated regions of the documents below from the code (`npm run docs`; with `--check`
 * it only lists the stale ones and fails). Each region is the text between `<!-- generated:<name> -->`
 * and `<!-- /generated:<name> -->` in its document; the rest of a document is written by hand. A test
 * per document (test/unit/<service>/<service>-readme.test.ts) fails when a region is stale.
 *
 * To generate a table for another document: add a row to GENERATED and the two markers to the document.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { consoleAwsConfigSchema } from "../src/console/wiring/config/console-aws.config.ts";
import { primaryDatabaseConfigSchema } from "../src/platform/config/database.config.ts";
import { purchasesApiConfigSchema } from "../src/purchases/wiring/config/api.config.ts";
import { purchasesAuthorizerConfigSchema } from "../src/purchases/wiring/config/auth0-authorizer.config.ts";
import { exportConfigSchema } from "../src/purchases/wiring/config/export.config.ts";
import { fetchWorkerConfigSchema } from "../src/purchases/wiring/config/fetch-worker.config.ts";
import { linkChangesConfigSchema } from "../src/purchases/wiring/config/link-changes.config.ts";
import { replayConfigSchema } from "../src/purchases/wiring/config/replay.config.ts";
import { revalidationConfigSchema } from "../src/purchases/wiring/config/revalidation.config.ts";
import { snapshotWorkerConfigSchema } from "../src/purchases/wiring/config/snapshot-worker.config.ts";
import { subscriptionChangesConfigSchema } from "../src/purchases/wiring/config/subscription-changes.config.ts";
import { DEFAULT_FEATURES_FILE } from "../src/users/adapters/growthbook/membership-catalog.growthbook.ts";
import { awsConfigSchema } from "../src/users/wiring/config/api.config.ts";
import { auth0AuthorizerConfigSchema } from "../src/users/wiring/config/auth0-authorizer.config.ts";
import { cleanupWorkerConfigSchema } from "../src/users/wiring/config/cleanup-worker.config.ts";
import { kinesisFeederConfigSchema } from "../src/users/wiring/config/kinesis-feeder.config.ts";
import { paymentWorkerConfigSchema } from "../src/users/wiring/config/payment-worker.config.ts";
import { subscriptionsWorkerConfigSchema } from "../src/users/wiring/config/subscriptions-worker.config.ts";
import { catalogueTables } from "./docs/catalogue-tables.ts";
import { chargeLifecycleTable } from "./docs/charge-lifecycle-table.ts";
import { configTable } from "./docs/config-table.ts";
import { lifecycleTable, membershipStatusTable, userStatusTable } from "./docs/lifecycle-tables.ts";
import { regionContent, regionsOf, replaceRegions } from "./docs/regions.ts";
import { appleNotificationsTable, googleNotificationsTable } from "./docs/store-notification-tables.ts";

export interface GeneratedRegion {
  /** The document, relative to the repository root. */
  readonly document: string;
  readonly region: string;
  readonly render: () => string;
}

/** The schema each User Service function parses at cold start, by its bundle name without `users-`. */
const USERS_FUNCTIONS = {
  api: awsConfigSchema,
  "auth0-authorizer": auth0AuthorizerConfigSchema,
  "payment-worker": paymentWorkerConfigSchema,
  "subscriptions-worker": subscriptionsWorkerConfigSchema,
  "kinesis-feeder": kinesisFeederConfigSchema,
  "cleanup-worker": cleanupWorkerConfigSchema,
  "usermodel-projector": primaryDatabaseConfigSchema,
  migrate: primaryDatabaseConfigSchema,
};

/** The schema each Purchases Service function parses at cold start, by its bundle name without `purchases-`. */
const PURCHASES_FUNCTIONS = {
  api: purchasesApiConfigSchema,
  "auth0-authorizer": purchasesAuthorizerConfigSchema,
  "fetch-worker": fetchWorkerConfigSchema,
  "link-changes": linkChangesConfigSchema,
  "subscription-changes": subscriptionChangesConfigSchema,
  "snapshot-worker": snapshotWorkerConfigSchema,
  revalidation: revalidationConfigSchema,
  replay: replayConfigSchema,
  export: exportConfigSchema,
};

export const GENERATED: readonly GeneratedRegion[] = [
  {
    document: "src/users/README.md",
    region: "membership-catalogue",
    render: () => catalogueTables(DEFAULT_FEATURES_FILE),
  },
  { document: "src/users/README.md", region: "membership-lifecycle", render: lifecycleTable },
  { document: "src/users/README.md", region: "user-status", render: userStatusTable },
  { document: "src/users/README.md", region: "membership-status", render: membershipStatusTable },
  { document: "src/users/README.md", region: "config-variables", render: () => configTable(USERS_FUNCTIONS) },
  { document: "src/payments/README.md", region: "charge-lifecycle", render: chargeLifecycleTable },
  { document: "src/purchases/README.md", region: "apple-notifications", render: appleNotificationsTable },
  { document: "src/purchases/README.md", region: "google-notifications", render: googleNotificationsTable },
  {
    document: "src/console/README.md",
    region: "config-variables",
    render: () => configTable({ console: consoleAwsConfigSchema }),
  },
  {
    document: "src/purchases/README.md",
    region: "config-variables",
    render: () => configTable(PURCHASES_FUNCTIONS),
  },
];

const ROOT = new URL("../", import.meta.url);
const read = (document: string) => readFileSync(new URL(document, ROOT), "utf8");

export const documents = (): string[] => [...new Set(GENERATED.map((entry) => entry.document))];

/** The document's text with every region of GENERATED rewritten. */
export function generate(document: string, text = read(document)): string {
  const bodies = new Map(GENERATED.filter((e) => e.document === document).map((e) => [e.region, e.render()]));
  const known = new Set(bodies.keys());
  const unknown = regionsOf(document, text).filter((region) => !known.has(region.name));
  if (unknown.length > 0)
    throw new Error(`${document}: region "${unknown[0]?.name}" is not in GENERATED (scripts/docs.ts)`);
  return replaceRegions(document, text, bodies);
}

/** The regions of a document whose text differs from what the code generates now. */
export function staleRegions(document: string, text = read(document)): string[] {
  const current = new Map(regionsOf(document, text).map((region) => [region.name, region.content]));
  return GENERATED.filter((e) => e.document === document)
    .filter((e) => current.get(e.region) !== regionContent(e.render()))
    .map((e) => e.region);
}

if (import.meta.main) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const document of documents()) {
    const text = read(document);
    const next = generate(document, text);
    if (next === text) continue;
    const regions = staleRegions(document, text).join(", ");
    stale++;
    if (check) console.error(`${document}: stale regions ${regions}; run npm run docs`);
    else {
      writeFileSync(new URL(document, ROOT), next);
      console.log(`${document}: rewrote ${regions}`);
    }
  }
  if (check && stale > 0) process.exit(1);
}
