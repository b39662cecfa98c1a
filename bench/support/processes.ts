import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

export const run = promisify(execFile);

export interface Server {
  readonly base: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a server script in its own process (so load and server do not share a core) and waits for its URL. */
export async function startServer(script: string, env: NodeJS.ProcessEnv = process.env): Promise<Server> {
  const child = spawn(process.execPath, [script], { env, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const base = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /API\s+(http:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    void exited.then(() => reject(new Error(`${script} exited before serving`)));
  });
  return {
    base,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
