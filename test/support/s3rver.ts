import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "../../src/platform/adapters/aws/s3-object-store.factory.ts";
import { processOutputSink } from "./log-capture.ts";

const CHILD = fileURLToPath(new URL("./s3rver.process.ts", import.meta.url));
/**
 * The project's Node (the `node` devDependency, 24): it runs the child's TypeScript as it is, even when
 * Vitest itself was started by an older `node` on the PATH.
 */
const NODE = fileURLToPath(new URL("../../node_modules/.bin/node", import.meta.url));
const START_TIMEOUT_MS = 20_000;

/** s3rver's own access key, which it checks signatures against. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** s3rver on a loopback port, over a fresh temporary folder (removed when it stops). */
export interface S3rverServer {
  readonly endpoint: string;
  /** A client of this server, as the tests configure one (path style, s3rver's keys, no flexible checksums). */
  client(): S3Client;
  /** Creates `name` (refused unless it holds "test") and answers it. */
  createTestBucket(client: S3Client, name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface S3rverOptions {
  /** Answers `If-None-Match: *` PUTs of existing keys 412, as S3 does (s3rver.process.ts). */
  readonly conditionalWrites?: boolean;
}

/**
 * Starts s3rver in a child process (s3rver.process.ts says why) and waits for its port. Throws when it
 * does not start: a suite on it fails then, it never skips. What it prints goes to the run's log folder.
 */
export async function startS3rver(options: S3rverOptions = {}): Promise<S3rverServer> {
  const folder = mkdtempSync(join(tmpdir(), "roster-s3rver-"));
  const mode = options.conditionalWrites ? ["conditional-writes"] : [];
  const child = spawn(NODE, ["--openssl-legacy-provider", CHILD, folder, ...mode], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  try {
    const port = await portOf(child, exited);
    const endpoint = `http://127.0.0.1:${port}`;
    return {
      endpoint,
      client: () =>
        createS3Client({
          region: "us-east-1",
          endpoint,
          forcePathStyle: true,
          credentials: S3RVER_CREDENTIALS,
          checksums: "WHEN_REQUIRED",
        }),
      createTestBucket: async (client, name) => {
        if (!name.includes("test")) throw new Error(`refusing a bucket whose name lacks "test": ${name}`);
        await client.send(new CreateBucketCommand({ Bucket: name }));
        return name;
      },
      stop: async () => {
        await stopChild(child, exited);
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopChild(child, exited);
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

function portOf(child: ChildProcess, exited: Promise<void>): Promise<number> {
  const keep = processOutputSink("s3rver", child.pid);
  let output = "";
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`s3rver did not start in time:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const settle = () => clearTimeout(timer);
    child.stdout?.on("data", (chunk: Buffer) => {
      keep(chunk);
      output += chunk.toString();
      const match = /\{"port":(\d+)\}/.exec(output);
      if (match?.[1]) {
        settle();
        resolve(Number(match[1]));
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      keep(chunk);
      output += chunk.toString();
    });
    void exited.then(() => {
      settle();
      reject(new Error(`s3rver exited before it listened:\n${output}`));
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await exited;
}
