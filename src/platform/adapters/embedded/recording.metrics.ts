import type { Metrics } from "../../metrics/metrics.port.ts";

/** Metrics kept in memory, for tests: `counts()` answers the total of each metric counted so far. */
export class RecordingMetrics implements Metrics {
  readonly #counts = new Map<string, number>();

  count(name: string, value = 1): void {
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + value);
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }
}
