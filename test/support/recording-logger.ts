import type { DependencyLogger } from "../../src/platform/adapters/http/outbound-http.ts";

/** A logger that keeps what a client logged, so a test can read it as an operator would. */
export function recordingLogger() {
  const entries: unknown[][] = [];
  const logger: DependencyLogger = { warn: (...args: unknown[]) => void entries.push(args) };
  return { logger, entries, text: () => JSON.stringify(entries) };
}
