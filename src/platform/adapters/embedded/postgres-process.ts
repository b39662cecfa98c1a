import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

/** Inspecting the processes behind a PostgreSQL data folder's lock files (Linux /proc, or ps). */

export async function readPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, "utf8").catch(() => "");
  const pid = Number.parseInt(text.split("\n")[0] ?? "", 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // An exited process nobody has reaped yet (a zombie, state Z) still answers signal 0.
  return describeProcess(pid)?.zombie !== true;
}

/** State and command line of a pid: from /proc on Linux, from ps elsewhere (macOS). */
export function describeProcess(pid: number): { zombie: boolean; command: string } | undefined {
  try {
    if (existsSync("/proc/self")) {
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      return { zombie: /^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, "utf8")), command };
    }
    const line = execFileSync("ps", ["-o", "stat=,command=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return { zombie: line.startsWith("Z"), command: line.replace(/^\S+\s+/, "") };
  } catch {
    return undefined;
  }
}

export async function waitUntilGone(pid: number, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; isAlive(pid); await sleep(50)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not exit`);
  }
}
