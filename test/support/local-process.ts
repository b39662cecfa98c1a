import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { captureCommandOutput, processOutputSink } from "./log-capture.ts";

const run = promisify(execFile);

export interface LocalProcess {
  readonly child: ChildProcess;
  readonly base: string;
  readonly exited: Promise<number | null>;
  /** Everything the process printed so far (for a failure's message). */
  output(): string;
}

/**
 * Starts the local process as `npm start` does (`node src/runtime/local/main.ts`) and waits for its URL.
 * What it prints is kept with the run's logs too (log-capture.ts), to be scanned when the run ends.
 */
export async function startLocalProcess(env: NodeJS.ProcessEnv): Promise<LocalProcess> {
  const child = spawn(process.execPath, ["src/runtime/local/main.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  let output = "";
  const keep = processOutputSink("local", child.pid);
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      keep(chunk);
      output += chunk.toString();
      const match = /API\s+(http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      keep(chunk);
      output += chunk.toString();
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before serving:\n${output}`)));
  });
  return { child, base, exited, output: () => output };
}

/**
 * A fresh data folder and the environment of a local process on it (any free port, every log line down to
 * DEBUG, so that the run's log scan reads all it logs), with `extra` on top. Run as root, PostgreSQL runs
 * as the OS user "postgres", which must be able to enter it.
 */
export function freshLocalEnv(prefix: string, extra: NodeJS.ProcessEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ROSTER_DATA_DIR: dataDir,
    PORT: "0",
    LOG_LEVEL: "DEBUG",
    ...extra,
  };
  return { dataDir, env };
}

/** Stops `local` as Ctrl-C does (SIGINT), unless it is not running, and waits for it to exit. */
export async function stopLocalProcess(local: LocalProcess | undefined): Promise<void> {
  if (!local || local.child.exitCode !== null || local.child.signalCode !== null) return;
  local.child.kill("SIGINT");
  await local.exited;
}

/** A token from the local issuer, as `npm run -s token -- <args>` prints it. */
export async function localToken(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, ["src/runtime/local/token.cli.ts", ...args], {
    env,
  });
  // What it prints on standard output is the token itself, the CLI's answer (not a log line): only
  // its notes on standard error are kept with the run's logs, which are scanned for signed tokens.
  captureCommandOutput("token-cli", stderr);
  return stdout.trim();
}

/** `npm run -s clock -- <args>` under `env`, as a person runs it: its exit code and output, kept with the run's logs. */
export async function localClockCli(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const outcome = await run("npm", ["run", "-s", "clock", "--", ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  captureCommandOutput("clock-cli", outcome.stdout, outcome.stderr);
  return { code: outcome.code, stdout: outcome.stdout, stderr: outcome.stderr };
}
