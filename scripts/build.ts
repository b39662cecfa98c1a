/** Bundles each Lambda entry point into one minified ESM file under dist/<function>/index.mjs. */
import { rmSync } from "node:fs";
import { build } from "esbuild";

export const lambdaEntryPoints = {
  "users-api": "src/users/lambda/api.lambda.ts",
  "users-migrate": "src/users/lambda/migrate.lambda.ts",
  "users-usermodel-projector": "src/users/lambda/usermodel-projector.lambda.ts",
  "users-payment-worker": "src/users/lambda/payment-worker.lambda.ts",
  "users-subscriptions-worker": "src/users/lambda/subscriptions-worker.lambda.ts",
  "users-kinesis-feeder": "src/users/lambda/kinesis-feeder.lambda.ts",
  "users-cleanup-worker": "src/users/lambda/cleanup-worker.lambda.ts",
} as const;

rmSync("dist", { recursive: true, force: true });
for (const [name, entry] of Object.entries(lambdaEntryPoints)) {
  const result = await build({
    entryPoints: [entry],
    outfile: `dist/${name}/index.mjs`,
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
    // Some CommonJS dependencies call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __roster_require } from 'node:module'; const require = __roster_require(import.meta.url);",
    },
  });
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  process.stdout.write(`${name}: dist/${name}/index.mjs ${(bytes / 1024).toFixed(0)} KiB\n`);
}
