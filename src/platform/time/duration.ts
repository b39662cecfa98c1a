/** The units a person moves the local clock by: minutes, hours, days and weeks. */
const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** How offsets are written back: days at most (a week is read, not written), seconds when present. */
const SHOWN_UNITS = [
  ["d", UNIT_MS.d],
  ["h", UNIT_MS.h],
  ["m", UNIT_MS.m],
  ["s", 1_000],
] as const;

export const DURATION_EXAMPLES = "31d, 12h, 90m, 2w";

/** A duration a person wrote that is not one: the message says what is accepted. */
export class DurationError extends Error {
  override readonly name = "DurationError";
}

/**
 * `31d`, `12h`, `90m`, `2w` in milliseconds: a positive whole number and one unit, nothing else (no
 * sign, fraction, space, second unit or other unit), since the only use is moving a clock forward.
 */
export function parseDuration(text: string): number {
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
  if (/^\s*-/.test(text)) throw new DurationError(`${shown} is negative: the local clock only moves forward`);
  const match = /^(\d+)([wdhm])$/.exec(text);
  if (!match)
    throw new DurationError(
      `${shown} is not a duration: give a whole number and a unit, m, h, d or w (${DURATION_EXAMPLES})`,
    );
  const milliseconds = Number(match[1]) * UNIT_MS[match[2] as Unit];
  if (milliseconds === 0) throw new DurationError(`${shown} is zero: give a duration of at least 1m`);
  if (!Number.isSafeInteger(milliseconds)) throw new DurationError(`${shown} is too long`);
  return milliseconds;
}

/** `2678400000` as `31d`, `5400000` as `1h 30m`; seconds and milliseconds appear only when present. */
export function formatDuration(milliseconds: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.trunc(milliseconds));
  for (const [unit, size] of SHOWN_UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.length > 0 ? parts.join(" ") : "0m";
}
