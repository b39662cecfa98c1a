import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Scalar } from "@scalar/hono-api-reference";
import type { Env, Hono } from "hono";
import { UnavailableError } from "../errors/app.errors.ts";
import { toProblem } from "../errors/problem.ts";
import { problemResponse } from "./problem.responses.ts";

/** Where the reference page loads Scalar's script from: the app itself, never a CDN. */
export const REFERENCE_SCRIPT_PATH = "/docs/scalar.js";

/**
 * The file name `scripts/build.ts` copies the script to, beside each bundled file that holds this module
 * (a Lambda bundle has no node_modules); run from source, the installed package's file is read instead.
 */
export const BUNDLED_REFERENCE_SCRIPT = "scalar-api-reference.js";
const PACKAGE_SCRIPT = "@scalar/api-reference/browser/standalone.js";

/**
 * The page loads only what the app serves: the script from `/docs/scalar.js`, the documents from the
 * app, the system's fonts (not fonts.scalar.com), and sends "try it" requests to the API itself (no
 * proxy, no AI agent). The policy makes the browser refuse anything else, so the page works without internet.
 * Scalar's page starts itself with an inline script and styles itself with inline styles.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Browsers keep the script for an hour, then revalidate it with its ETag (a 304 when unchanged). */
const SCRIPT_CACHE_CONTROL = "public, max-age=3600";

export interface ReferenceSource {
  readonly title: string;
  readonly url: string;
}

/** `GET /docs` (Scalar's page for `sources`, the first one open) and the script it loads. */
export function registerApiReference<E extends Env>(
  app: Hono<E>,
  options: { readonly pageTitle: string; readonly sources: readonly ReferenceSource[] },
): void {
  const page = Scalar({
    pageTitle: options.pageTitle,
    cdn: REFERENCE_SCRIPT_PATH,
    withDefaultFonts: false,
    // Scalar's AI agent asks api.scalar.com (on localhost by default), its toolbar offers to publish the
    // document on scalar.com: neither belongs in a private API's reference.
    agent: { disabled: true },
    showDeveloperTools: "never",
    ...(options.sources.length === 1
      ? { url: (options.sources[0] as ReferenceSource).url }
      : { sources: options.sources.map((source) => ({ ...source })) }),
  });
  app.get(
    "/docs",
    async (c, next) => {
      await next();
      c.header("content-security-policy", CONTENT_SECURITY_POLICY);
    },
    page,
  );
  app.get(REFERENCE_SCRIPT_PATH, async (c) => {
    let script: ReferenceScript;
    try {
      script = await referenceScript();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return problemResponse(c, toProblem(new UnavailableError(reason), c.req.path));
    }
    const headers = { etag: script.etag, "cache-control": SCRIPT_CACHE_CONTROL };
    if (c.req.header("if-none-match") === script.etag) return c.body(null, 304, headers);
    return c.body(script.bytes, 200, { ...headers, "content-type": "text/javascript; charset=utf-8" });
  });
}

interface ReferenceScript {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly etag: string;
}

let loaded: Promise<ReferenceScript> | undefined;

/** Read once, on the first request for it (3.5 MB: not at cold start); a failed read is tried again next time. */
function referenceScript(): Promise<ReferenceScript> {
  loaded ??= readReferenceScript().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function readReferenceScript(): Promise<ReferenceScript> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(referenceScriptFile()));
  } catch {
    // The answer names no folder of the machine.
    throw new Error(
      `the API reference's script is not installed: neither ${BUNDLED_REFERENCE_SCRIPT} beside the bundle (npm run build copies it there) nor the package file ${PACKAGE_SCRIPT}`,
    );
  }
  const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`;
  return { bytes, etag };
}

/** Beside the bundled code when built (scripts/build.ts), else the installed package's file. */
function referenceScriptFile(): string {
  const bundled = fileURLToPath(new URL(BUNDLED_REFERENCE_SCRIPT, import.meta.url));
  return existsSync(bundled) ? bundled : fileURLToPath(import.meta.resolve(PACKAGE_SCRIPT));
}
