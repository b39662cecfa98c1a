import { ConfigError } from "../../src/platform/config/config-error.ts";

/** The problems a configuration loader names; fails the test when it accepts the configuration. */
export function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error("the configuration was accepted");
}
