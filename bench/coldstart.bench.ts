/**
 * Per Lambda bundle: its size and its module initialisation time (importing the bundle, top-level
 * await included) in fresh Node processes, median of RUNS, next to two baselines measured in the same
 * run: an empty handler, and a handler that only creates the DynamoDB document client, built as the
 * bundles are (the SDK's floor: issue 16's target is <= 1.5x its init and <= 400 KiB for the APIs).
 * Prints the ratios; never a pass/fail on time.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { lambdaBuildOptions } from "../scripts/build.ts";
import { startColdStartEnv } from "./support/coldstart-env.ts";

const RUNS = Number(process.env.BENCH_COLDSTART_RUNS ?? 21);
const DIST = resolve("dist");

/** A child that imports the bundle and prints how long the import took, in milliseconds. */
const PROBE = `const t0 = performance.now();
await import(process.argv[1]);
process.stdout.write(String(performance.now() - t0));
process.exit(0);`;

/** Run asynchronously: this process serves the fake Secrets Manager some bundles read at cold start. */
const run = promisify(execFile);

async function initMs(bundle: string, env: Record<string, string>): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ["--input-type=module", "-e", PROBE, pathToFileURL(bundle).href],
    {
      env: { PATH: process.env.PATH ?? "", ...env },
    },
  );
  return Number(stdout);
}

/** Bytes a cold start reads: the entry and the chunks it imports statically (not those behind `import()`). */
function coldStartBytes(entry: string, seen = new Set<string>()): number {
  if (seen.has(entry)) return 0;
  seen.add(entry);
  const text = readFileSync(entry, "utf8");
  const imported = [...text.matchAll(/from\s*"(\.\/[^"]+\.mjs)"/g)].map((m) =>
    join(dirname(entry), m[1] ?? ""),
  );
  return statSync(entry).size + imported.reduce((sum, chunk) => sum + coldStartBytes(chunk, seen), 0);
}

/** Bytes of every module file the function ships (the entry and all its chunks). */
function shippedBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".mjs"))
    .reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function measure(bundle: string, env: Record<string, string>): Promise<number> {
  await initMs(bundle, env); // warm the OS file cache
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await initMs(bundle, env));
  return median(runs);
}

/** The SDK's floor: a handler module that creates the DynamoDB document client, and nothing else. */
const SDK_BASELINE = `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
export const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => ({ statusCode: 200 });
`;

/**
 * The floor of an API Lambda on the libraries the style guide names: the SDK baseline plus Powertools'
 * logger and one route of `@hono/zod-openapi` (a validated path parameter and a response schema) served
 * through Hono's Lambda adapter. No Roster code: what any API of the four services loads at the least.
 */
const API_FLOOR = `${SDK_BASELINE}
import { Logger } from "@aws-lambda-powertools/logger";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { handle } from "hono/aws-lambda";
export const logger = new Logger({ serviceName: "floor" });
const app = new OpenAPIHono();
const route = createRoute({
  method: "get",
  path: "/{user_id}/user",
  request: { params: z.object({ user_id: z.string().min(1).max(128) }) },
  responses: {
    200: {
      description: "the user",
      content: { "application/json": { schema: z.object({ user_id: z.string(), user_status: z.enum(["ACTIVE", "BANNED"]) }) } },
    },
  },
});
app.openapi(route, (c) => c.json({ user_id: c.req.valid("param").user_id, user_status: "ACTIVE" }, 200));
export const api = handle(app);
`;

/** Builds a baseline's source into `dir`/`name` with the bundles' options (imports resolved from this checkout). */
async function buildBaseline(dir: string, name: string, source: string): Promise<string> {
  const entry = join(dir, `${name}.mjs`);
  writeFileSync(entry, source);
  await build({
    ...lambdaBuildOptions,
    entryPoints: { index: entry },
    outdir: join(dir, name),
    nodePaths: [resolve("node_modules")],
    logLevel: "error",
  });
  return join(dir, name, "index.mjs");
}

execFileSync(process.execPath, ["scripts/build.ts"], { stdio: ["ignore", "ignore", "inherit"] });
const baselineDir = mkdtempSync(join(tmpdir(), "roster-coldstart-"));
const empty = join(baselineDir, "index.mjs");
writeFileSync(empty, "export const handler = async () => ({ statusCode: 200 });\n");
const { env: coldStartEnv, close } = await startColdStartEnv();
try {
  const emptyMs = await measure(empty, {});
  // The SDK baseline needs only a region and credentials (it calls nothing).
  const sdkEnv = { AWS_REGION: "us-east-2", AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench" };
  const sdk = await buildBaseline(baselineDir, "sdk", SDK_BASELINE);
  const sdkMs = await measure(sdk, sdkEnv);
  const floor = await buildBaseline(baselineDir, "api-floor", API_FLOOR);
  const floorMs = await measure(floor, { ...sdkEnv, LOG_LEVEL: "WARN" });
  const sdkBytes = coldStartBytes(sdk);
  const row = (name: string, atColdStart: number, shipped: number, ms: number) => ({
    function: name,
    "KiB at cold start": Math.round(atColdStart / 1024),
    "KiB shipped": Math.round(shipped / 1024),
    "init ms (median)": ms.toFixed(1),
    "ratio to empty": (ms / emptyMs).toFixed(1),
    "ratio to the SDK baseline": (ms / sdkMs).toFixed(2),
    "KiB vs baseline": `${atColdStart >= sdkBytes ? "+" : ""}${Math.round((atColdStart - sdkBytes) / 1024)}`,
  });
  const rows = [
    row("empty handler (baseline)", 0, 0, emptyMs),
    row("DynamoDB document client only (baseline)", sdkBytes, shippedBytes(join(baselineDir, "sdk")), sdkMs),
    row(
      "API floor: + Powertools logger + one @hono/zod-openapi route",
      coldStartBytes(floor),
      shippedBytes(join(baselineDir, "api-floor")),
      floorMs,
    ),
  ];
  // dist/console holds the console's static assets, no bundle.
  for (const name of readdirSync(DIST)
    .sort()
    .filter((name) => existsSync(join(DIST, name, "index.mjs")))) {
    const bundle = join(DIST, name, "index.mjs");
    const env = coldStartEnv[name];
    if (!env)
      throw new Error(`no cold-start environment for ${name}: add it to bench/support/coldstart-env.ts`);
    rows.push(row(name, coldStartBytes(bundle), shippedBytes(join(DIST, name)), await measure(bundle, env)));
  }
  console.table(rows);
  console.log(
    `${RUNS} fresh processes per row, Node ${process.version}; init = import of the bundle, top-level await included`,
  );
} finally {
  await close();
  rmSync(baselineDir, { recursive: true, force: true });
}
