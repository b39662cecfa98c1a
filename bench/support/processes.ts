import { type ChildProcess, execFile, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

export const run = promisify(execFile);

export interface Server {
  readonly base: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a server script in its own process (so load and server do not share a core) and waits for its
 * URL. Its standard output goes to a file, as a deployed process's lines go to a file or a collector:
 * read through a pipe, the lines would be paid for by this process, which also generates the load.
 */
export async function startServer(script: string, env: NodeJS.ProcessEnv = process.env): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), "roster-server-"));
  const logFile = join(dir, "stdout.log");
  const out = openSync(logFile, "w");
  const child = spawn(process.execPath, [script], { env, stdio: ["ignore", out, "inherit"] });
  closeSync(out);
  let exitedEarly = false;
  const exited = new Promise<void>((done) =>
    child.once("exit", () => {
      exitedEarly = true;
      done();
    }),
  );
  let base: string | undefined;
  while (!base) {
    if (exitedEarly) throw new Error(`${script} exited before serving`);
    base = /API\s+(http:\/\/\S+)/.exec(readFileSync(logFile, "utf8"))?.[1];
    if (!base) await sleep(50);
  }
  return {
    base,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
