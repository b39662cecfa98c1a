import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { localConfigSchema } from "../../src/platform/config/local.config.ts";
import type { ServiceModule } from "../../src/platform/service/service-module.ts";
import { type LocalRuntime, startLocalRuntime } from "../../src/runtime/local/start-local-runtime.ts";
import { testLogger } from "./log-capture.ts";
import { freshDatabase, type TestDatabase } from "./test-database.ts";

/**
 * The local runtime started in this process for the enclosing file or `describe`, as `npm start` runs
 * it: `services` on a data folder of their own and a fresh database on the run's PostgreSQL, started
 * before the tests and stopped, dropped and removed after them. `runtime()` answers it inside tests.
 */
export function useLocalRuntime(name: string, services: readonly ServiceModule[]) {
  let database: TestDatabase<unknown> | undefined;
  let runtime: LocalRuntime | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), `roster-${name}-`));

  beforeAll(async () => {
    database = await freshDatabase();
    const config = localConfigSchema.parse({
      ROSTER_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      STAGE: "test",
      LOG_LEVEL: "SILENT",
    });
    runtime = await startLocalRuntime(config, testLogger(`test-${name}`), { services });
  });

  afterAll(async () => {
    await runtime?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    dataDir,
    runtime(): LocalRuntime {
      if (!runtime) throw new Error("the local runtime starts in beforeAll: use it inside tests and hooks");
      return runtime;
    },
  };
}
