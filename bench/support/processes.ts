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

/** Servers still running: stopped when the bench ends, however it ends (a `timeout`, Ctrl-C, a throw). */
const running = new Set<ChildProcess>();
let hooked = false;

/** A killed bench left its local process (and that process's PostgreSQL) running on the cores. */
function stopServersWhenTheBenchEnds(): void {
  if (hooked) return;
  hooked = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGTERM");
  });
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => process.exit(code));
  }
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
  stopServersWhenTheBenchEnds();
  running.add(child);
  let exitedEarly = false;
  const exited = new Promise<void>((done) =>
    child.once("exit", () => {
      exitedEarly = true;
      running.delete(child);
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
