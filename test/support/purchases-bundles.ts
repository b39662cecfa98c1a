/** What the Purchases Service's bundle tests share: a stage of its tables, its apps, the test chain's trust. */
import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDbTableStore } from "../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { ensureTables } from "../../src/platform/adapters/aws/dynamodb-tables.ts";
import { systemClock } from "../../src/platform/time/clock.port.ts";
import type { IdGenerator } from "../../src/platform/time/id-generator.port.ts";
import { purchasesTables } from "../../src/purchases/adapters/dynamodb/purchases.tables.ts";
import { AppleJwsSigner } from "../../src/purchases/adapters/sandbox/apple-jws.signer.ts";
import {
  type AppleTestChain,
  createAppleTestChain,
} from "../../src/purchases/adapters/sandbox/apple-test-chain.ts";
import {
  assertTestTarget,
  dynamoDbClientFor,
  dynamoDbDocumentClientFor,
  uniqueTestStage,
} from "./dynamodb-local.ts";
import { luhnValid } from "./log-scan.ts";

export const APPLE_BUNDLE_ID = "dev.roster.bundle";
export const GOOGLE_PACKAGE = "dev.roster.bundle.android";

/** `PURCHASES_APPS` of the bundle tests: one App Store app (its sandbox), one Play app. */
export const BUNDLE_APPS = JSON.stringify([
  {
    name: "ios",
    platform: "apple",
    app: APPLE_BUNDLE_ID,
    environments: ["sandbox"],
    productName: "InAppPurchase",
  },
  {
    name: "android",
    platform: "google",
    app: GOOGLE_PACKAGE,
    environments: ["production"],
    productName: "InAppPurchase",
  },
]);

/** A queue URL of the stage, as the stack passes it (`https://sqs...`; the SDK is pointed at a fake). */
export const queueUrl = (stage: string, queue: string) =>
  `https://sqs.us-east-2.amazonaws.com/111122223333/${stage}-${queue}`;

/** A fresh stage with the Purchases tables on DynamoDB Local, and a store on it. */
export async function purchasesTestStage(endpoint: string) {
  const stage = uniqueTestStage();
  assertTestTarget(stage);
  await ensureTables(dynamoDbClientFor(endpoint), stage, purchasesTables);
  const store = new DynamoDbTableStore({
    client: dynamoDbDocumentClientFor(endpoint),
    stage,
    clock: systemClock,
  });
  return { stage, store };
}

/**
 * A test chain, its root as a DER file in a folder of its own, and the variables that make a bundle
 * trust it (and only it): the folder, the root's pinned fingerprint, no OCSP.
 */
export async function appleTestTrust(): Promise<{
  chain: AppleTestChain;
  signer: AppleJwsSigner;
  env: Record<string, string>;
  remove: () => void;
}> {
  const chain = await createAppleTestChain({ now: new Date() });
  const dir = mkdtempSync(join(tmpdir(), "roster-apple-roots-"));
  writeFileSync(join(dir, "test-root.cer"), chain.rootDer);
  return {
    chain,
    signer: new AppleJwsSigner(chain),
    env: {
      APPLE_ROOT_CERTIFICATES_DIR: dir,
      APPLE_ROOT_CERTIFICATE_SHA256: new X509Certificate(chain.rootDer).fingerprint256,
      APPLE_ONLINE_CHECKS: "false",
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Apple-like originalTransactionIds (16 digits from 2000000...) that fail the Luhn check, so the log
 * scan never takes one for a card number.
 */
export function appleTransactionIds(from = 2_000_000_812_345_000): IdGenerator {
  let next = from;
  return {
    next: () => {
      do next += 1;
      while (luhnValid(String(next)));
      return String(next);
    },
  };
}
