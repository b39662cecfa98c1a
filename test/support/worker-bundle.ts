/** Loading a built Lambda bundle under a test environment, and reading what it logs. */
import { pathToFileURL } from "node:url";
import { vi } from "vitest";
import { builtBundle } from "./build-bundles.ts";
import { captureCommandOutput } from "./log-capture.ts";

/** Nothing listens on port 1: a call there is refused at once. */
export const UNREACHABLE = "https://127.0.0.1:1";

/** The region and the dummy credentials every bundle test runs with. */
export const BUNDLE_AWS_ENV = {
  AWS_REGION: "us-east-2",
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
};

/**
 * Builds `dist/<name>/index.mjs` (once per run), sets `env` and the test AWS variables on `process.env`
 * (the bundle reads its configuration at cold start) and imports it: answers its `handler`.
 */
export async function loadBundleHandler<H>(name: string, env: Record<string, string>): Promise<H> {
  const bundle = await builtBundle(name);
  Object.assign(process.env, BUNDLE_AWS_ENV, env);
  return ((await import(pathToFileURL(bundle).href)) as { handler: H }).handler;
}

/** Runs `act`, keeping what the bundle logged meanwhile (Powertools writes JSON lines to stdout and stderr). */
export async function withLogs<T>(
  act: () => Promise<T>,
): Promise<{ result: T; logs: Record<string, unknown>[] }> {
  const lines: string[] = [];
  const keep = ((chunk: unknown) => lines.push(String(chunk)) > 0) as typeof process.stdout.write;
  const spies = [vi.spyOn(process.stdout, "write"), vi.spyOn(process.stderr, "write")];
  for (const spy of spies) spy.mockImplementation(keep);
  try {
    const result = await act();
    captureCommandOutput("bundle", lines.join(""));
    const logs = lines
      .flatMap((chunk) => chunk.split("\n"))
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    return { result, logs };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
