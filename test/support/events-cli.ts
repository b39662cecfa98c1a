/** The events CLI (`npm run -s events -- <args>`) on a local process's data folder, read as JSON lines. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Json } from "./json.ts";
import { captureCommandOutput } from "./log-capture.ts";

const run = promisify(execFile);

/** One JSON value per non-blank line of `text`. */
const jsonLines = (text: string): Json[] =>
  text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));

/** A runner of `npm run -s events -- <args>` under `env` (its data folder): answers its stdout's lines. */
export function eventsCli(env: NodeJS.ProcessEnv): (...args: string[]) => Promise<Json[]> {
  return async (...args) => {
    const { stdout, stderr } = await run("npm", ["run", "-s", "events", "--", ...args], {
      env,
      maxBuffer: 64 << 20,
    });
    captureCommandOutput("events-cli", stdout, stderr);
    return jsonLines(stdout);
  };
}
