import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CACHE = join(ROOT, "node_modules", ".cache", "roster-bundles");
const BUILD_TIMEOUT_MS = 300_000;
const run = promisify(execFile);

/**
 * The path of `dist/<name>/index.mjs` as `npm run build` (scripts/build.ts) makes it, built once per test
 * run and shared by every bundle test of the run.
 *
 * The test files of a run are processes forked by one Vitest process, whose pid names the run. The first
 * file to take the run's lock (a directory: mkdir is atomic) runs the build script with its working
 * directory in `node_modules/.cache/roster-bundles/run-<pid>.partial-*` (`src` linked in), then renames
 * that to `run-<pid>`, so the bundles appear whole or not at all; the others wait for it. The checkout's
 * own `dist/` is never touched, so a concurrent `npm run build` (which empties it first) cannot pull a
 * bundle from under a test. Runs whose Vitest process has ended are removed.
 */
export async function builtBundle(name: string): Promise<string> {
  const runId = process.ppid;
  const dir = join(CACHE, `run-${runId}`);
  const bundle = join(dir, "dist", name, "index.mjs");
  const lock = `${dir}.lock`;
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  mkdirSync(CACHE, { recursive: true });
  while (!existsSync(dir)) {
    if (Date.now() > deadline) throw new Error(`no bundles in ${dir} after ${BUILD_TIMEOUT_MS} ms`);
    if (!takeLock(lock)) {
      await sleep(250);
      continue;
    }
    try {
      await writeFile(join(lock, "pid"), String(process.pid));
      if (!existsSync(dir)) await build(dir);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    removeEndedRuns(runId);
  }
  if (!existsSync(bundle)) throw new Error(`the build made no bundle ${name} (${bundle})`);
  return bundle;
}

async function build(dir: string): Promise<void> {
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  symlinkSync(join(ROOT, "src"), join(staging, "src"), "dir");
  try {
    await run(process.execPath, [join(ROOT, "scripts", "build.ts")], {
      cwd: staging,
      maxBuffer: 16 * 1024 * 1024,
    });
    rmSync(join(staging, "src"));
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** True when this process made the lock; a lock whose holder died is removed for the next attempt. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number(readIfPresent(join(lock, "pid")));
    // A holder writes its pid right after taking the lock; one without a pid for long died in between.
    const orphaned = holder ? !alive(holder) : Date.now() - modifiedMs(lock) > 30_000;
    if (orphaned) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

function removeEndedRuns(current: number): void {
  for (const entry of readdirSync(CACHE)) {
    const pid = Number(/^run-(\d+)/.exec(entry)?.[1]);
    if (pid && pid !== current && !alive(pid)) rmSync(join(CACHE, entry), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function modifiedMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
