import { afterAll, beforeAll } from "vitest";
import { S3ObjectStore } from "../../../src/platform/adapters/aws/s3.object-store.ts";
import { type S3rverServer, startS3rver } from "../../support/s3rver.ts";
import { objectStoreContract } from "./object-store.contract.ts";

/**
 * The S3 adapter against s3rver on loopback, twice: as s3rver ships (it ignores If-None-Match, so the
 * racing-writer cases cannot hold and do not run), and with the shim that answers an If-None-Match PUT
 * of an existing key 412 as S3 documents (s3rver.process.ts), which drives the adapter's 412 path.
 * Each test gets a bucket of its own; s3rver never lists in byte order (the contract says why).
 */
let plain: S3rverServer;
let conditional: S3rverServer;
beforeAll(async () => {
  [plain, conditional] = await Promise.all([startS3rver(), startS3rver({ conditionalWrites: true })]);
});
afterAll(async () => {
  await Promise.all([plain?.stop(), conditional?.stop()]);
});

let buckets = 0;
async function openOn(server: S3rverServer) {
  const client = server.client();
  const bucket = await server.createTestBucket(client, `roster-test-objects-${++buckets}`);
  return {
    store: new S3ObjectStore({ client, bucket }),
    close: async () => client.destroy(),
  };
}

objectStoreContract(
  "S3ObjectStore against s3rver 3.7.1 (If-None-Match ignored)",
  {
    atomicCreate: false,
    byteOrderListing: false,
  },
  () => openOn(plain),
);

objectStoreContract(
  "S3ObjectStore against s3rver with S3's conditional writes",
  {
    atomicCreate: true,
    byteOrderListing: false,
  },
  () => openOn(conditional),
);
