import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The local process's page-cursor secret, kept in the data folder as the issuer's key is (so cursors
 * outlive a restart): `cursor-key`, 32 random bytes as base64url, created on first use, owner-only.
 */
export function localCursorSecret(dataDir: string): string {
  const file = join(dataDir, "cursor-key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process on the same folder made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return readFileSync(file, "utf8").trim();
}
