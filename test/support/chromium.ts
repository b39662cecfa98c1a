import { existsSync } from "node:fs";

/** Debian's Chromium (`apt-get install chromium`), which playwright-core drives: no browser download. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_MISSING = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium); the browser tests are skipped`;

/**
 * Whether the browser tests run: they skip without Chromium, loudly, except under CI=true, where they
 * run and fail on the missing browser (as the DynamoDB suites do without Java).
 */
export function chromiumTests(): { run: boolean; title: string } {
  const installed = existsSync(CHROMIUM_PATH);
  if (!installed && process.env.CI !== "true") {
    console.warn(`\n!!! ${CHROMIUM_MISSING}.\n`);
    return { run: false, title: CHROMIUM_MISSING };
  }
  return { run: true, title: "" };
}
