/**
 * The whole run's logs, read once at its end (issue 12: no card number, CVC or gateway secret is ever
 * logged). At start it makes the run's log folder in os.tmpdir() and names it in ROSTER_TEST_LOG_DIR,
 * which the workers inherit and pass on to the processes they start: the tests' loggers write there
 * (`testRunLogger`), test/support/log-capture.ts tees the local process's and the CLIs' output there,
 * and this reporter adds what the tests printed to the console. At the end it scans every line and
 * fails the run on a finding, keeping the folder; a clean run's folder is deleted.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { UserConsoleLog } from "vitest";
import type { Reporter, TestModule, Vitest } from "vitest/node";
import { TEST_LOG_DIR_VARIABLE } from "../../src/platform/logging/test-run.logger.ts";
import { type FolderScan, scanFolder } from "./log-scan.ts";

/**
 * Sources the run must have heard from when it ran these tests, which always log: a scan of nothing
 * proves nothing, and a broken capture would otherwise pass in silence.
 */
const EXPECTED = [
  {
    tests: /\/test\/e2e\/(payments|users)\/|\/local-runtime\.test\.ts$/,
    files: /^process-local-/,
    what: "the local process's output",
  },
  {
    tests: /\/test\/integration\/payments\/payments-api\.test\.ts$/,
    files: /^logger-/,
    what: "a test logger",
  },
];

export function runProblems(scan: FolderScan, modules: readonly string[]): string[] {
  const problems = scan.findings.map((f) => `${f.kind} ${f.masked} at ${f.at}`);
  for (const { tests, files, what } of EXPECTED) {
    const heard = Object.entries(scan.lines).some(([name, lines]) => files.test(name) && lines > 0);
    if (modules.some((module) => tests.test(module)) && !heard)
      problems.push(`no line from ${what} was captured`);
  }
  return problems;
}

export default class LogCaptureReporter implements Reporter {
  #dir = "";
  #vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
    this.#dir = mkdtempSync(join(tmpdir(), "roster-test-logs-"));
    process.env[TEST_LOG_DIR_VARIABLE] = this.#dir;
  }

  /** Again in watch mode: a clean run deleted the folder. */
  onTestRunStart(): void {
    mkdirSync(this.#dir, { recursive: true });
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    appendFileSync(
      join(this.#dir, "console.log"),
      log.content.endsWith("\n") ? log.content : `${log.content}\n`,
    );
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const scan = scanFolder(this.#dir);
    const modules = testModules.filter((m) => m.state() !== "skipped").map((m) => m.moduleId);
    const problems = runProblems(scan, modules);
    const lines = Object.values(scan.lines).reduce((sum, n) => sum + n, 0);
    const files = Object.keys(scan.lines).length;
    if (problems.length > 0) {
      // Thrown, Vitest reports it as an unhandled error and the run fails (exit code 1).
      throw new Error(
        `the run's logs hold what must never be logged, or too little to tell (${this.#dir}, kept):\n` +
          [...problems.slice(0, 20), ...(problems.length > 20 ? [`and ${problems.length - 20} more`] : [])]
            .map((p) => `  ${p}`)
            .join("\n"),
      );
    }
    this.#vitest?.logger.log(
      `log capture: ${lines} lines in ${files} files scanned: no card number, CVC, gateway secret, signed token or private key`,
    );
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
