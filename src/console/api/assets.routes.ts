import { readFile } from "node:fs/promises";
import type { Hono } from "hono";
import { CONSOLE_ASSETS_PATH, consoleAssets } from "../ui/assets.ts";
import type { ConsoleEnv } from "./console-env.ts";

/** The console's static files, locally (on AWS CloudFront serves `dist/console/assets/` from S3). */
export function registerAssetRoutes(app: Hono<ConsoleEnv>): void {
  const assets = consoleAssets();
  app.get(`${CONSOLE_ASSETS_PATH}/:name`, async (c) => {
    const asset = assets[c.req.param("name")];
    if (!asset) return c.notFound();
    return c.body(await readFile(asset.file), 200, {
      "content-type": asset.type,
      "cache-control": "public, max-age=300",
    });
  });
}
