import { onFirstUse } from "../../../platform/service/on-first-use.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { loadAppleRootCertificates } from "../../adapters/apple/apple-root-certificates.ts";
import type { AppleVerifiersOptions } from "../../adapters/apple/apple-signed-data.verifiers.ts";
import { BrazeHttpClient } from "../../adapters/http/braze.http.ts";
import type { AppleNotificationVerifier, AppStoreApi } from "../../ports/app-store.port.ts";
import type { BrazeApi } from "../../ports/braze.port.ts";
import type { GooglePushVerifier, PlayDeveloperApi } from "../../ports/google-play.port.ts";
import type { ConfiguredApp } from "../config/purchases.config.ts";
import type { PurchasesSecrets } from "./secrets.aws.ts";

/**
 * What a function does not use, for the ports `PurchasesDeps` asks of every function: calling it is a
 * wiring fault, named so (the API verifies pushes and never calls a store's API, so it holds no key).
 */
export function notHere<T extends object>(capability: string, fn: string): T {
  return new Proxy({} as T, {
    get: (_target, method) => () =>
      Promise.reject(new Error(`${capability}.${String(method)} is not wired into the ${fn} function`)),
  });
}

export const noAppleVerifier = (fn: string) => notHere<AppleNotificationVerifier>("apple.verifier", fn);
export const noAppStoreApi = (fn: string) => notHere<AppStoreApi>("apple.api", fn);
export const noGoogleVerifier = (fn: string) => notHere<GooglePushVerifier>("google.verifier", fn);
export const noPlayApi = (fn: string) => notHere<PlayDeveloperApi>("google.api", fn);

/** Apple's trust: the pinned roots (a folder, else downloaded from Apple at cold start), the apps, their environments. */
export async function appleTrust(
  apps: readonly ConfiguredApp[],
  config: {
    readonly APPLE_ROOT_CERTIFICATES_DIR?: string | undefined;
    readonly APPLE_ROOT_CERTIFICATE_SHA256: readonly string[];
    readonly APPLE_ONLINE_CHECKS: boolean;
  },
): Promise<AppleVerifiersOptions> {
  const apple = apps.filter((app) => app.platform === "apple");
  const rootCertificates = await loadAppleRootCertificates({
    pins: config.APPLE_ROOT_CERTIFICATE_SHA256,
    ...(config.APPLE_ROOT_CERTIFICATES_DIR ? { directory: config.APPLE_ROOT_CERTIFICATES_DIR } : {}),
  });
  return {
    rootCertificates,
    apps: apple.map((app) => ({
      bundleId: app.app,
      ...(app.appAppleId === undefined ? {} : { appAppleId: app.appAppleId }),
    })),
    environments: [...new Set(apple.flatMap((app) => app.environments))],
    onlineChecks: config.APPLE_ONLINE_CHECKS,
  };
}

// Apple's and Google's libraries are loaded on a port's first call (`onFirstUse`): one invocation
// usually needs one store, and a worker that needs neither never reads them.

export const appleVerifier = (trust: AppleVerifiersOptions): AppleNotificationVerifier =>
  onFirstUse(async () => {
    const { AppleNotificationJwsVerifier } = await import(
      "../../adapters/apple/apple-notification.verifier.ts"
    );
    return new AppleNotificationJwsVerifier(trust);
  });

/**
 * The App Store Server API with the In-App Purchase key from its secret (Apple's hosts unless a base URL
 * is set): the key read at cold start (a wrong secret fails the start, not a message), the library on
 * the first call.
 */
export async function appStoreApi(
  trust: AppleVerifiersOptions,
  secrets: PurchasesSecrets,
  config: {
    readonly APP_STORE_KEY_SECRET_ARN: string;
    readonly APP_STORE_API_BASE_URL?: string | undefined;
  },
): Promise<AppStoreApi> {
  const key = await secrets.appStoreKey(config.APP_STORE_KEY_SECRET_ARN);
  return onFirstUse(async () => {
    const { AppStoreServerClient } = await import("../../adapters/apple/app-store-server.client.ts");
    return new AppStoreServerClient({
      ...trust,
      keyId: key.keyId,
      issuerId: key.issuerId,
      signingKey: key.privateKey,
      ...(config.APP_STORE_API_BASE_URL ? { baseUrl: config.APP_STORE_API_BASE_URL } : {}),
    });
  });
}

export const googleVerifier = (config: {
  readonly GOOGLE_PUSH_AUDIENCE: string;
  readonly GOOGLE_PUSH_SERVICE_ACCOUNT: string;
  readonly GOOGLE_PUSH_CERTS_URL?: string | undefined;
}): GooglePushVerifier =>
  onFirstUse(async () => {
    const { PubSubPushVerifier } = await import("../../adapters/google/pubsub-push.verifier.ts");
    return new PubSubPushVerifier({
      audience: config.GOOGLE_PUSH_AUDIENCE,
      email: config.GOOGLE_PUSH_SERVICE_ACCOUNT,
      ...(config.GOOGLE_PUSH_CERTS_URL ? { certsUrl: config.GOOGLE_PUSH_CERTS_URL } : {}),
    });
  });

/**
 * The Play Developer API as the service account of its secret (its access tokens minted in process):
 * the secret read at cold start, the library on the first call.
 */
export async function playApi(
  secrets: PurchasesSecrets,
  secretArn: string,
  clock: Clock,
): Promise<PlayDeveloperApi> {
  const serviceAccountKey = await secrets.googleServiceAccount(secretArn);
  return onFirstUse(async () => {
    const { PlayDeveloperClient } = await import("../../adapters/google/play-developer.client.ts");
    return new PlayDeveloperClient({ credentials: { serviceAccountKey }, clock });
  });
}

/** Braze when the function is configured with it (`BRAZE_API_URL` and its key's secret), else none. */
export async function braze(
  secrets: PurchasesSecrets,
  config: {
    readonly BRAZE_API_URL?: string | undefined;
    readonly BRAZE_API_KEY_SECRET_ARN?: string | undefined;
  },
): Promise<{ braze?: BrazeApi }> {
  if (!config.BRAZE_API_URL || !config.BRAZE_API_KEY_SECRET_ARN) return {};
  const key = await secrets.brazeKey(config.BRAZE_API_KEY_SECRET_ARN);
  return { braze: new BrazeHttpClient({ baseUrl: config.BRAZE_API_URL, apiKey: () => key }) };
}
