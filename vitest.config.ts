import { defineConfig } from "vitest/config";
import LogCaptureReporter from "./test/support/log-capture.reporter.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/postgres.global-setup.ts", "test/support/dynamodb-local.global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // The log capture makes the run's log folder, then scans it and fails the run on card data or a secret.
    reporters: ["default", new LogCaptureReporter()],
  },
});
