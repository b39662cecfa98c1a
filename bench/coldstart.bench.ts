/**
 * Per Lambda bundle: its size and its module initialisation time (importing the bundle, top-level
 * await included) in fresh Node processes, median of RUNS, next to an empty handler's measured in the
 * same run. Prints the ratio; never a pass/fail on time.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { COLDSTART_ENV } from "./support/coldstart-env.ts";

const RUNS = Number(process.env.BENCH_COLDSTART_RUNS ?? 21);
const DIST = resolve("dist");

/** A child that imports the bundle and prints how long the import took, in milliseconds. */
const PROBE = `const t0 = performance.now();
await import(process.argv[1]);
process.stdout.write(String(performance.now() - t0));
process.exit(0);`;

function initMs(bundle: string, env: Record<string, string>): number {
  const out = execFileSync(
    process.execPath,
    ["--input-type=module", "-e", PROBE, pathToFileURL(bundle).href],
    {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  return Number(out.toString());
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

function measure(bundle: string, env: Record<string, string>): number {
  initMs(bundle, env); // warm the OS file cache
  return median(Array.from({ length: RUNS }, () => initMs(bundle, env)));
}

execFileSync(process.execPath, ["scripts/build.ts"], { stdio: ["ignore", "ignore", "inherit"] });
const emptyDir = mkdtempSync(join(tmpdir(), "roster-coldstart-"));
const empty = join(emptyDir, "index.mjs");
writeFileSync(empty, "export const handler = async () => ({ statusCode: 200 });\n");
try {
  const baseline = measure(empty, {});
  const rows = [
    {
      function: "empty handler (baseline)",
      "KiB at cold start": 0,
      "KiB shipped": 0,
      "init ms (median)": baseline.toFixed(1),
      ratio: "1.0",
    },
  ];
  for (const name of readdirSync(DIST).sort()) {
    const bundle = join(DIST, name, "index.mjs");
    const env = COLDSTART_ENV[name];
    if (!env)
      throw new Error(`no cold-start environment for ${name}: add it to bench/support/coldstart-env.ts`);
    const ms = measure(bundle, env);
    rows.push({
      function: name,
      "KiB at cold start": Math.round(coldStartBytes(bundle) / 1024),
      "KiB shipped": Math.round(shippedBytes(join(DIST, name)) / 1024),
      "init ms (median)": ms.toFixed(1),
      ratio: (ms / baseline).toFixed(1),
    });
  }
  console.table(rows);
  console.log(
    `${RUNS} fresh processes per row, Node ${process.version}; init = import of the bundle, top-level await included`,
  );
} finally {
  rmSync(emptyDir, { recursive: true, force: true });
}
