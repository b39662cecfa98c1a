import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ClockMoveRefusedError, LocalClock } from "../../../src/platform/adapters/embedded/local-clock.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { DurationError, formatDuration, parseDuration } from "../../../src/platform/time/duration.ts";

const DAY = 86_400_000;

describe("the local clock", () => {
  let dataDir: string;
  let system: ManualClock;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "roster-clock-"));
    system = new ManualClock("2026-07-01T09:00:00.000Z");
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("shows the system's time while it was never moved, and writes no file for it", () => {
    const clock = LocalClock.open(dataDir, system);

    expect(clock.now().toISOString()).toBe("2026-07-01T09:00:00.000Z");
    expect(clock.state()).toEqual({ offsetMs: 0 });
    expect(() => readFileSync(LocalClock.file(dataDir))).toThrow();
  });

  it("keeps its offset in the data folder, so a clock opened there later reads the same time", () => {
    LocalClock.open(dataDir, system).advance(31 * DAY);
    system.advance(5_000);

    const reopened = LocalClock.open(dataDir, system);

    expect(reopened.now().toISOString()).toBe("2026-08-01T09:00:05.000Z");
    expect(reopened.state()).toEqual({ offsetMs: 31 * DAY, setAt: new Date("2026-07-01T09:00:00.000Z") });
    expect(JSON.parse(readFileSync(LocalClock.file(dataDir), "utf8"))).toEqual({
      offset_ms: 31 * DAY,
      set_at: "2026-07-01T09:00:00.000Z",
    });
  });

  it("moves forward to a date-time after its local time", () => {
    const clock = LocalClock.open(dataDir, system);

    clock.advanceTo(new Date("2026-09-01T00:00:00Z"));

    expect(clock.now().toISOString()).toBe("2026-09-01T00:00:00.000Z");
  });

  it("never moves back: a move to its own time or before, or by zero or less, is refused and changes nothing", () => {
    const clock = LocalClock.open(dataDir, system);
    clock.advance(DAY);

    const refusals = [
      () => clock.advance(0),
      () => clock.advance(-DAY),
      () => clock.advance(1.5),
      () => clock.advanceTo(new Date("2026-07-02T09:00:00.000Z")),
      () => clock.advanceTo(new Date("2026-07-01T12:00:00.000Z")),
      () => clock.advanceTo(new Date("not a date")),
      () => clock.advance(9_000 * 365 * DAY),
    ];

    for (const refused of refusals) expect(refused).toThrow(ClockMoveRefusedError);
    expect(() => clock.advanceTo(new Date("2026-06-01T00:00:00Z"))).toThrow(
      "is not after the local time 2026-07-02T09:00:00.000Z: the local clock moves forward only; to start over, stop npm start and delete its data folder",
    );
    expect(clock.now().toISOString()).toBe("2026-07-02T09:00:00.000Z");
    expect(LocalClock.open(dataDir, system).state().offsetMs).toBe(DAY);
  });

  it("agrees with the other processes on its data folder: a clock that missed another's move moves on from it", () => {
    const server = LocalClock.open(dataDir, system);
    const cli = LocalClock.open(dataDir, system);

    cli.advance(7 * DAY);
    server.advance(DAY);

    expect(server.now().toISOString()).toBe("2026-07-09T09:00:00.000Z");
    expect(LocalClock.open(dataDir, system).now()).toEqual(server.now());
  });

  it("refuses a file that is not a clock, naming it and how to start over", () => {
    writeFileSync(LocalClock.file(dataDir), JSON.stringify({ offset_ms: -5, set_at: "yesterday" }));

    expect(() => LocalClock.open(dataDir, system)).toThrow(
      `${LocalClock.file(dataDir)} is not a local clock`,
    );
  });
});

describe("durations a person moves the clock by", () => {
  it.each([
    ["31d", 31 * DAY],
    ["12h", 12 * 3_600_000],
    ["90m", 90 * 60_000],
    ["2w", 14 * DAY],
  ])("reads %s", (text, milliseconds) => {
    expect(parseDuration(text)).toBe(milliseconds);
  });

  it.each([
    ["-3d", "is negative"],
    ["0d", "is zero"],
    ["0m", "is zero"],
    ["1.5d", "is not a duration"],
    ["31", "is not a duration"],
    ["31 d", "is not a duration"],
    ["31D", "is not a duration"],
    ["30s", "is not a duration"],
    ["1d12h", "is not a duration"],
    ["", "is not a duration"],
    ["99999999999999999w", "is too long"],
  ])("refuses %j: %s", (text, reason) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(reason);
  });

  it("writes offsets the way a person reads them", () => {
    expect(formatDuration(31 * DAY)).toBe("31d");
    expect(formatDuration(90 * 60_000)).toBe("1h 30m");
    expect(formatDuration(DAY + 1_500)).toBe("1d 1s 500ms");
    expect(formatDuration(0)).toBe("0m");
  });
});
