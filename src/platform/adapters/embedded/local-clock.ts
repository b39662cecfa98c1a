import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { type Clock, systemClock } from "../../time/clock.port.ts";

/** The latest local time the clock may show: ISO 8601 dates (and the stores' strings) end at year 9999. */
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const fileSchema = z.object({
  offset_ms: z.number().int().nonnegative().max(LATEST),
  set_at: z.iso.datetime(),
});

/** Where the clock stands: how far ahead of the system's time, and since when (system time). */
export interface LocalClockState {
  readonly offsetMs: number;
  /** The system time when the offset was last moved; absent while it never was. */
  readonly setAt?: Date;
}

/** A move the local clock refuses: backwards, not at all, or past year 9999. */
export class ClockMoveRefusedError extends Error {
  override readonly name = "ClockMoveRefusedError";
}

/** The data folder's clock.json is not one (hand-edited, or half-written by something else). */
export class LocalClockFileError extends Error {
  override readonly name = "LocalClockFileError";
}

const START_OVER = "to start over, stop npm start and delete its data folder";

/**
 * The local process's time travel, like Stripe's test clocks: `now()` is the system's time plus an
 * offset that only ever grows (a clock moved back would put every period, token and record recorded
 * since in the future), kept in `<data>/clock.json` so that a restarted process and every CLI on the
 * data folder read the same time as the server. Never used on AWS (.dependency-cruiser.cjs,
 * `local-only-code-stays-off-aws`).
 */
export class LocalClock implements Clock {
  readonly #file: string;
  readonly #system: Clock;
  #state: LocalClockState;

  private constructor(file: string, system: Clock, state: LocalClockState) {
    this.#file = file;
    this.#system = system;
    this.#state = state;
  }

  /** Where the clock of `dataDir` is kept. */
  static file(dataDir: string): string {
    return join(dataDir, "clock.json");
  }

  /** The clock of `dataDir`: its offset from the file there, none while there is no file. */
  static open(dataDir: string, system: Clock = systemClock): LocalClock {
    const file = LocalClock.file(dataDir);
    return new LocalClock(file, system, readState(file));
  }

  now(): Date {
    return new Date(this.#system.now().getTime() + this.#state.offsetMs);
  }

  /** The system's own time, the real one, which the offset is added to. */
  realNow(): Date {
    return this.#system.now();
  }

  state(): LocalClockState {
    return this.#state;
  }

  /** Moves the clock forward by `milliseconds` (more than zero) and keeps the new offset in the file. */
  advance(milliseconds: number): LocalClockState {
    if (!Number.isSafeInteger(milliseconds) || milliseconds <= 0)
      throw new ClockMoveRefusedError(
        `the local clock moves forward only, by at least 1 ms (asked: ${milliseconds}); ${START_OVER}`,
      );
    return this.#save(this.#latestOffset() + milliseconds);
  }

  /** Moves the clock forward to `time`, which must be after its local time now. */
  advanceTo(time: Date): LocalClockState {
    if (Number.isNaN(time.getTime())) throw new ClockMoveRefusedError("that is not a date-time");
    const current = this.#latestOffset();
    const system = this.#system.now().getTime();
    const offset = time.getTime() - system;
    if (!(offset > current))
      throw new ClockMoveRefusedError(
        `${time.toISOString()} is not after the local time ${new Date(system + current).toISOString()}: the local clock moves forward only; ${START_OVER}`,
      );
    return this.#save(offset);
  }

  /**
   * The larger of this clock's offset and the file's: another process on the data folder (a CLI that
   * found no server) may have moved it, and a move never takes the clock back.
   */
  #latestOffset(): number {
    return Math.max(this.#state.offsetMs, readState(this.#file).offsetMs);
  }

  #save(offsetMs: number): LocalClockState {
    const setAt = this.#system.now();
    if (setAt.getTime() + offsetMs > LATEST)
      throw new ClockMoveRefusedError(
        `that would put the local time past 9999-12-31, where ISO 8601 dates end; ${START_OVER}`,
      );
    const body = { offset_ms: offsetMs, set_at: setAt.toISOString() } satisfies z.infer<typeof fileSchema>;
    // Written beside it and renamed over it, so a reader never sees half a file.
    const partial = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify(body, null, 2)}\n`);
    renameSync(partial, this.#file);
    this.#state = { offsetMs, setAt };
    return this.#state;
  }
}

function readState(file: string): LocalClockState {
  if (!existsSync(file)) return { offsetMs: 0 };
  const parsed = fileSchema.safeParse(jsonOrUndefined(readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new LocalClockFileError(
      `${file} is not a local clock (JSON with offset_ms, a whole number of milliseconds of 0 or more, and set_at, an ISO date-time): fix it, or ${START_OVER}`,
    );
  return { offsetMs: parsed.data.offset_ms, setAt: new Date(parsed.data.set_at) };
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
