/**
 * Bundles each Lambda entry point into one minified ESM file, dist/<function>/index.mjs, plus the chunks
 * its dynamic `import()`s load on first use (dist/<function>/chunks/): code split off that way is neither
 * parsed nor evaluated at cold start. A bundle that serves `/docs` also gets the reference's script.
 * The console's static files go to dist/console/assets/, which its stack deploys to S3 for CloudFront.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";
import { consoleAssets } from "../src/console/ui/assets.ts";
import { BUNDLED_REFERENCE_SCRIPT } from "../src/platform/http/api-reference.routes.ts";

/** The module that serves Scalar's script: it reads the copy beside the bundled file that holds it. */
const REFERENCE_MODULE = fileURLToPath(
  new URL("../src/platform/http/api-reference.routes.ts", import.meta.url),
);
const REFERENCE_SCRIPT = fileURLToPath(import.meta.resolve("@scalar/api-reference/browser/standalone.js"));

/**
 * Every service's entry points, found by their place (`src/<service>/lambda/<name>.lambda.ts`), each
 * bundled as `<service>-<name>` (`users-api`, `users-payment-worker`, ...): a new service's Lambdas need
 * no line here.
 */
export const lambdaEntryPoints: Record<string, string> = Object.fromEntries(
  readdirSync("src", { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join("src", entry.name, "lambda")))
    .flatMap((service) =>
      readdirSync(join("src", service.name, "lambda"))
        .filter((file) => file.endsWith(".lambda.ts"))
        .sort()
        .map((file) => [
          `${service.name}-${file.slice(0, -".lambda.ts".length)}`,
          `src/${service.name}/lambda/${file}`,
        ]),
    ),
);

/**
 * zod's English messages only. `import { z } from "zod"` keeps the namespace whole, and with it
 * `z.locales`: every language's messages (258 KiB of each bundle that validates, issue 16's metafile
 * analysis) for a service that configures none but the default English. The plugin points zod's own
 * import of its locales' index at a module that exports `en` alone; `z.locales.<other>` is undefined
 * in a bundle (nothing of Roster reads it; a unit test builds a bundle and checks its messages).
 */
const ZOD_LOCALES_INDEX = fileURLToPath(import.meta.resolve("zod/v4/locales/index.js"));
const ZOD_ENGLISH_ONLY = fileURLToPath(new URL("zod-english-only.ts", import.meta.url));
export const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(esbuild) {
    esbuild.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path) === ZOD_LOCALES_INDEX && args.importer !== ZOD_ENGLISH_ONLY
        ? { path: ZOD_ENGLISH_ONLY }
        : undefined,
    );
  },
};

/**
 * How every bundle is built, but its entry and folder (`bench:coldstart` builds its SDK baseline with the
 * same): ESM split into chunks, minified, for Node 24.
 */
export const lambdaBuildOptions = {
  outExtension: { ".js": ".mjs" },
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  minify: true,
  sourcemap: true,
  metafile: true,
  legalComments: "none",
  // pg probes for its optional native binding; Lambda has none.
  external: ["pg-native"],
  plugins: [zodEnglishOnly],
  // Some CommonJS dependencies call require() for Node built-ins (each chunk is a module of its own).
  banner: {
    js: "import { createRequire as __roster_require } from 'node:module'; const require = __roster_require(import.meta.url);",
  },
} as const satisfies BuildOptions;

// Run as a script (`npm run build`); imported (the bench, for the options above), it builds nothing.
if (import.meta.main) {
  rmSync("dist", { recursive: true, force: true });
  for (const [name, entry] of Object.entries(lambdaEntryPoints)) {
    const result = await build({
      ...lambdaBuildOptions,
      entryPoints: { index: entry },
      outdir: `dist/${name}`,
    });
    const { loaded, deferred } = sizes(result.metafile);
    const later = deferred > 0 ? ` (+ ${kib(deferred)} on first use)` : "";
    const docs = copyReferenceScript(result.metafile) ? ", /docs's script beside it" : "";
    process.stdout.write(`${name}: dist/${name}/index.mjs ${kib(loaded)} at cold start${later}${docs}\n`);
  }
  copyConsoleAssets("dist/console/assets");
}

/**
 * The files the console's pages link (`/console/assets/<name>`), by their served names: on AWS
 * CloudFront serves them from the S3 bucket this folder is deployed to, never the console's Lambda.
 */
function copyConsoleAssets(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const assets = Object.entries(consoleAssets());
  for (const [name, asset] of assets) copyFileSync(asset.file, join(dir, name));
  process.stdout.write(`console assets: ${dir}/ ${assets.map(([name]) => name).join(", ")}\n`);
}

/**
 * A Lambda has no node_modules: Scalar's script (3.5 MB, read on the first /docs request only) is copied
 * beside each output file that holds the module serving it, where that module looks for it.
 */
function copyReferenceScript(metafile: Metafile): boolean {
  const holders = Object.entries(metafile.outputs)
    // Inputs are named relative to the working folder (real paths: the tests build through a link to src).
    .filter(([path, output]) => path.endsWith(".mjs") && Object.keys(output.inputs).some(isReferenceModule))
    .map(([path]) => path);
  for (const path of holders) copyFileSync(REFERENCE_SCRIPT, join(dirname(path), BUNDLED_REFERENCE_SCRIPT));
  return holders.length > 0;
}

/** Bytes the entry loads at cold start (itself and the chunks it imports statically) and the rest. */
function sizes(metafile: Metafile): { loaded: number; deferred: number } {
  const outputs = Object.entries(metafile.outputs).filter(([path]) => path.endsWith(".mjs"));
  // A dynamic import()'s module is an entry point of the metafile too: the bundle's own is index.mjs.
  const entry = outputs.find(([path]) => path.endsWith("/index.mjs"))?.[0];
  const loaded = new Set<string>();
  const visit = (path: string | undefined) => {
    if (!path || loaded.has(path)) return;
    loaded.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? [])
      if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
  };
  visit(entry);
  const bytes = (paths: string[]) =>
    paths.reduce((sum, path) => sum + (metafile.outputs[path]?.bytes ?? 0), 0);
  return {
    loaded: bytes([...loaded]),
    deferred: bytes(outputs.map(([path]) => path).filter((path) => !loaded.has(path))),
  };
}

function isReferenceModule(input: string): boolean {
  return resolve(input) === REFERENCE_MODULE;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}
