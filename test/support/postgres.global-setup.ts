import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../src/platform/adapters/embedded/embedded-postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's embedded PostgreSQL, at a database named `roster_test`; suites make their own from it. */
    postgresUrl: string;
  }
}

/** Starts one embedded PostgreSQL for the whole run, in a folder of its own that teardown deletes. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), "roster-test-postgres-"));
  // No log callback: the server stays quiet, and a failed start carries its last log lines in the error.
  const server = await startEmbeddedPostgres({ dataDir, database: "roster_test" }).catch(
    async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    },
  );
  project.provide("postgresUrl", server.connectionString);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
