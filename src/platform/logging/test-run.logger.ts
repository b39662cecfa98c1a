import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { Logger, type LogItem } from "@aws-lambda-powertools/logger";
import { createLogger } from "./logger.ts";

/**
 * Names the folder where a test run keeps every log line it produces, so that one check at the end can
 * read them all (test/support/log-capture.reporter.ts sets it and scans the folder). Only test code
 * imports this file: the tests' composition roots and test/ (a dependency-cruiser rule keeps it so).
 */
export const TEST_LOG_DIR_VARIABLE = "ROSTER_TEST_LOG_DIR";

/** One file per process: appends need no lock across the run's workers and children. */
let file: { readonly dir: string; readonly fd: number } | undefined;

function fileOf(dir: string): number {
  if (file?.dir !== dir) {
    if (file) closeSync(file.fd);
    file = { dir, fd: openSync(join(dir, `logger-${process.pid}.jsonl`), "a") };
  }
  return file.fd;
}

/** Powertools' own JSON line, written to the run's folder instead of stdout. */
class CapturedLogger extends Logger {
  readonly #dir: string;

  constructor(dir: string, options: ConstructorParameters<typeof Logger>[0]) {
    super(options);
    this.#dir = dir;
  }

  protected override createLogger(options?: ConstructorParameters<typeof Logger>[0]): Logger {
    return new CapturedLogger(this.#dir, options);
  }

  protected override printLog(_logLevel: number, log: LogItem): void {
    log.prepareForPrint();
    writeSync(fileOf(this.#dir), `${JSON.stringify(log.getAttributes(), this.getJsonReplacer())}\n`);
  }
}

/**
 * A logger for tests: every level down to DEBUG, written to the test run's log folder and never to the
 * console; silent when no folder is named (a test run outside `vitest`).
 */
export function testRunLogger(serviceName: string, env: NodeJS.ProcessEnv = process.env): Logger {
  const dir = env[TEST_LOG_DIR_VARIABLE];
  return dir
    ? new CapturedLogger(dir, { serviceName, logLevel: "DEBUG" })
    : createLogger(serviceName, "SILENT");
}
