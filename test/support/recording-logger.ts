import type { DependencyLogger } from "../../src/platform/adapters/http/outbound-http.ts";
import { testLogger } from "./log-capture.ts";

/**
 * A logger that keeps what a client logged, so a test can read it as an operator would; every line goes
 * to the run's log folder too, to be scanned with the rest.
 */
export function recordingLogger() {
  const entries: unknown[][] = [];
  const captured = testLogger("recording-logger");
  const logger: DependencyLogger = {
    warn: (message, ...extra) => {
      entries.push([message, ...extra]);
      captured.warn(message, ...extra);
    },
  };
  return { logger, entries, text: () => JSON.stringify(entries) };
}
