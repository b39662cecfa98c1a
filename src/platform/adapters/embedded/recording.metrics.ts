import type { Metrics } from "../../metrics/metrics.port.ts";

/** One count (or duration) as it was made. */
export interface RecordedCount {
  readonly name: string;
  readonly value: number;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** Metrics kept in memory, for tests: `counts()` answers the total of each metric counted so far. */
export class RecordingMetrics implements Metrics {
  readonly #counts = new Map<string, number>();
  readonly #recorded: RecordedCount[] = [];

  count(name: string, value = 1, dimensions: Readonly<Record<string, string>> = {}): void {
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + value);
    this.#recorded.push({ name, value, dimensions: { ...dimensions } });
  }

  duration(name: string, milliseconds: number, dimensions: Readonly<Record<string, string>> = {}): void {
    this.#recorded.push({ name, value: milliseconds, dimensions: { ...dimensions } });
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  /** Every count or duration of `name`, oldest first, with its dimensions. */
  recorded(name: string): RecordedCount[] {
    return this.#recorded.filter((count) => count.name === name);
  }
}
