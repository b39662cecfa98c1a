import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { urlFor } from "./embedded-postgres.launch.ts";
import { isAlive } from "./postgres-process.ts";

/**
 * The connection URL of the server another process (`npm start`) runs on `dataDir`, or undefined when
 * none is running and ready there. PostgreSQL's own lock file says where it listens: `postmaster.pid`
 * holds the pid, the port on line 4, the Unix socket's folder on line 5 (empty: none), the first listen
 * address on line 6 and the status ("ready") on line 8 (https://www.postgresql.org/docs/current/storage-file-layout.html), so no file of Roster's is
 * needed to find it.
 */
export async function runningEmbeddedPostgres(
  dataDir: string,
  database = "roster",
): Promise<string | undefined> {
  const lines = (await readFile(join(resolve(dataDir), "postmaster.pid"), "utf8").catch(() => "")).split(
    "\n",
  );
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  const ready = lines[7]?.trim() === "ready" && lines[5]?.trim() === "127.0.0.1";
  if (!ready || !Number.isInteger(port) || !Number.isInteger(pid) || !isAlive(pid)) return undefined;
  return urlFor(port, database, lines[4]?.trim() || undefined);
}
