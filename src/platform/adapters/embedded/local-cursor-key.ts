import { localSecret } from "./local-secret.ts";

/**
 * The local process's page-cursor secret, kept in the data folder as the issuer's key is (so cursors
 * outlive a restart): `cursor-key`, created on first use, owner-only.
 */
export function localCursorSecret(dataDir: string): string {
  return localSecret(dataDir, "cursor-key");
}
