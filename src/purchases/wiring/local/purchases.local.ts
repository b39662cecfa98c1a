import { join } from "node:path";
import { FileObjectStore } from "../../../platform/adapters/embedded/file.object-store.ts";
import type { LocalPlatform, RunningService } from "../../../platform/service/service-module.ts";
import { tableStoreHealth } from "../../../platform/store/table-store.health.ts";
import { AppStoreServerClient } from "../../adapters/apple/app-store-server.client.ts";
import { AppleNotificationJwsVerifier } from "../../adapters/apple/apple-notification.verifier.ts";
import { StoreExportReader } from "../../adapters/dynamodb/export.reader.ts";
import { subscriptionsTable } from "../../adapters/dynamodb/purchases.tables.ts";
import { NdjsonGzipWriter } from "../../adapters/export/ndjson-gzip.writer.ts";
import { PlayDeveloperClient } from "../../adapters/google/play-developer.client.ts";
import { PubSubPushVerifier } from "../../adapters/google/pubsub-push.verifier.ts";
import { QueueSnapshotSender, QueueSoftOptInSender } from "../../adapters/queue/standard.queues.ts";
import { AppStoreServerLoopback } from "../../adapters/sandbox/app-store-server.loopback.ts";
import { PlayDeveloperApiLoopback } from "../../adapters/sandbox/play-developer-api.loopback.ts";
import { createPurchasesApp } from "../../api/purchases.app.ts";
import { purchasesDeps } from "../purchases.services.ts";
import { purchasesEventSources } from "./event-sources.local.ts";
import { LOCAL_APP_STORE_KEY, LOCAL_APPS, LOCAL_PUSH } from "./local-apps.ts";
import { purchasesSchedules } from "./schedules.local.ts";
import { openPushIssuer, openStoreSandboxes } from "./store-sandboxes.local.ts";

/** The local apps' Apple id (App Store Connect's numeric app id; Apple's verifier checks it in production). */
const LOCAL_APP_APPLE_ID = 1_234_567_890;

/**
 * The Purchases service in the local process: its tables in the embedded store, the FIFO fetch queue and
 * its other queues locally, and the two stores played by sandboxes a person drives with
 * `npm run purchases`: their notifications are signed with a test certificate chain and an OIDC key in
 * the data folder, and verified here by the vendors' own code (Apple's `SignedDataVerifier`, Google's
 * `OAuth2Client`) against those; the fetch worker reads their state from loopback App Store Server and
 * Play Developer APIs through the vendors' own clients.
 */
export async function startPurchases(platform: LocalPlatform): Promise<RunningService> {
  const { store, clock, ids, logger, channels, dataDir } = platform;
  const sandboxes = await openStoreSandboxes({ dataDir, store, clock, ids });
  const pushIssuer = await openPushIssuer(dataDir);
  const appStoreApi = await AppStoreServerLoopback.start({
    state: sandboxes.appStoreState,
    signer: sandboxes.signer,
    clock,
    ...LOCAL_APP_STORE_KEY,
    publicKey: sandboxes.apiKey.publicKeyPem,
  });
  const playApi = await PlayDeveloperApiLoopback.start({
    state: sandboxes.playState,
    accessToken: sandboxes.playAccessToken,
  });
  const appleTrust = {
    rootCertificates: [sandboxes.chain.rootDer],
    apps: LOCAL_APPS.filter((app) => app.platform === "apple").map((app) => ({
      bundleId: app.app,
      appAppleId: LOCAL_APP_APPLE_ID,
    })),
    environments: ["sandbox", "production"] as const,
    onlineChecks: false,
  };
  const queue = (name: string) => channels.queueNames[name]?.queue as string;
  const deps = purchasesDeps({
    store,
    fetchQueue: channels.queues,
    fetchQueueName: queue("fetch"),
    apps: LOCAL_APPS,
    apple: {
      verifier: new AppleNotificationJwsVerifier(appleTrust),
      api: new AppStoreServerClient({
        ...appleTrust,
        ...LOCAL_APP_STORE_KEY,
        signingKey: sandboxes.apiKey.privateKeyPem,
        baseUrl: appStoreApi.origin,
      }),
    },
    google: {
      verifier: new PubSubPushVerifier({ ...LOCAL_PUSH, certsUrl: pushIssuer.certsUrl }),
      api: new PlayDeveloperClient({
        credentials: { accessToken: sandboxes.playAccessToken },
        rootUrl: `${playApi.origin}/`,
        clock,
      }),
    },
    braze: sandboxes.braze,
    clock,
    ids,
  });
  const objects = new FileObjectStore(join(dataDir, "objects"));
  const writer = new NdjsonGzipWriter(objects);
  const health = [tableStoreHealth(store, subscriptionsTable)];
  const optIns = {
    purchases: deps.purchases,
    links: deps.links,
    apps: LOCAL_APPS,
    optIns: new QueueSoftOptInSender(channels.queues, queue("soft-opt-ins")),
    braze: sandboxes.braze,
    clock,
  };
  return {
    app: createPurchasesApp({
      purchases: deps,
      logger,
      principals: platform.issuer.principalResolver(clock),
      health,
      jwks: () => platform.issuer.jwks(),
    }),
    health,
    eventSources: purchasesEventSources({
      fetch: { ...deps, logger },
      links: { ...optIns, logger },
      subscriptions: {
        ...optIns,
        snapshots: new QueueSnapshotSender(channels.queues, queue("snapshots")),
        logger,
      },
      snapshots: { writer, logger },
    }),
    schedules: purchasesSchedules({
      purchases: deps,
      export: { reader: new StoreExportReader(store), writer },
      logger,
    }),
    close: async () => {
      await Promise.all([appStoreApi.close(), playApi.close(), pushIssuer.close()]);
    },
  };
}
