/**
 * Where a test's logs go: into the run's log folder (ROSTER_TEST_LOG_DIR, made by
 * log-capture.reporter.ts), which is scanned for card data and secrets when the run ends.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { TEST_LOG_DIR_VARIABLE, testRunLogger } from "../../src/platform/logging/test-run.logger.ts";

/** A Powertools logger at DEBUG whose lines go to the run's folder, never to the console. */
export const testLogger = (serviceName: string) => testRunLogger(serviceName);

/**
 * A sink for what a child process prints (`process-<source>-<pid>.log`); a no-op outside a run with a
 * log folder. The local process logs at DEBUG to stdout, the CLIs print records and errors.
 */
export function processOutputSink(source: string, pid: number | undefined): (chunk: Buffer | string) => void {
  const dir = process.env[TEST_LOG_DIR_VARIABLE];
  if (!dir) return () => {};
  const file = join(dir, `process-${source}-${pid ?? "unknown"}.log`);
  return (chunk) => appendFileSync(file, chunk);
}

/** Keeps what a finished command printed (its stdout and stderr) with the run's logs. */
export function captureCommandOutput(source: string, ...outputs: (string | Buffer | undefined)[]): void {
  const sink = processOutputSink(source, process.pid);
  for (const output of outputs) if (output) sink(output.toString().endsWith("\n") ? output : `${output}\n`);
}
