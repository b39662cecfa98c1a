import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A secret of the local process kept in its data folder, so it outlives a restart (the issuer's key,
 * the page-cursor secret, a service's database password): 32 random bytes as base64url (URL- and
 * SQL-literal-safe), created on first use, owner-only. Two processes starting on one folder at once
 * both end up with the first one's secret.
 */
export function localSecret(dataDir: string, fileName: string): string {
  const file = join(dataDir, fileName);
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
