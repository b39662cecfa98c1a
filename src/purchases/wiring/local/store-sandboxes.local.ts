import { createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { AppStoreSandbox } from "../../adapters/sandbox/app-store.sandbox.ts";
import { AppleJwsSigner } from "../../adapters/sandbox/apple-jws.signer.ts";
import { type AppleTestChain, loadOrCreateAppleTestChain } from "../../adapters/sandbox/apple-test-chain.ts";
import { SandboxBraze } from "../../adapters/sandbox/braze.sandbox.ts";
import { GoogleOidcIssuerSandbox } from "../../adapters/sandbox/google-oidc-issuer.sandbox.ts";
import { PlayStoreSandbox } from "../../adapters/sandbox/play-store.sandbox.ts";
import {
  StoreAppStoreSandboxState,
  StorePlayStoreSandboxState,
} from "../../adapters/sandbox/store-sandbox.state.ts";

/** Where the local stores keep their keys, under the data folder: never in the repository. */
export const storeKeysDir = (dataDir: string) => join(dataDir, "purchases");

/**
 * The local App Store and Google Play as the server and the `npm run purchases` CLI both open them from
 * the data folder: the same test certificate chain (Apple's signer), the same App Store Server API key,
 * the same push token key, and their state on the embedded store.
 */
export interface StoreSandboxes {
  readonly chain: AppleTestChain;
  readonly appStore: AppStoreSandbox;
  readonly appStoreState: StoreAppStoreSandboxState;
  readonly signer: AppleJwsSigner;
  /** The App Store Server API key (ES256 PKCS#8 PEM), as App Store Connect issues a .p8 file. */
  readonly apiKey: { readonly privateKeyPem: string; readonly publicKeyPem: string };
  readonly playStore: PlayStoreSandbox;
  readonly playState: StorePlayStoreSandboxState;
  /** The Play Developer API's access token on the loopback (Google's OAuth token for the service account). */
  readonly playAccessToken: string;
  readonly braze: SandboxBraze;
}

export async function openStoreSandboxes(parts: {
  readonly dataDir: string;
  readonly store: TableStore;
  readonly clock: Clock;
  readonly ids: { next(): string };
}): Promise<StoreSandboxes> {
  const dir = storeKeysDir(parts.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const chain = await loadOrCreateAppleTestChain(join(dir, "apple-test-chain"), parts.clock.now());
  const signer = new AppleJwsSigner(chain);
  const appStoreState = new StoreAppStoreSandboxState(parts.store);
  const playState = new StorePlayStoreSandboxState(parts.store);
  return {
    chain,
    signer,
    appStoreState,
    appStore: new AppStoreSandbox({ state: appStoreState, signer }),
    apiKey: loadOrCreateApiKey(join(dir, "app-store-api-key.p8")),
    playState,
    playStore: new PlayStoreSandbox({ state: playState, ids: parts.ids }),
    playAccessToken: loadOrCreateSecret(join(dir, "play-access-token")),
    braze: new SandboxBraze({ store: parts.store, clock: parts.clock }),
  };
}

/** Google's push token issuer with the data folder's key; the server serves its certs on loopback. */
export function openPushIssuer(dataDir: string): Promise<GoogleOidcIssuerSandbox> {
  return GoogleOidcIssuerSandbox.start({ directory: join(storeKeysDir(dataDir), "google-push-issuer") });
}

function loadOrCreateApiKey(file: string): StoreSandboxes["apiKey"] {
  if (!existsSync(file)) {
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    writeFileSync(file, pair.privateKey.export({ type: "pkcs8", format: "pem" }) as string, { mode: 0o600 });
  }
  const privateKeyPem = readFileSync(file, "utf8");
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }) as string;
  return { privateKeyPem, publicKeyPem };
}

function loadOrCreateSecret(file: string): string {
  if (!existsSync(file))
    writeFileSync(file, `ya29.local-${randomBytes(24).toString("base64url")}`, { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}
