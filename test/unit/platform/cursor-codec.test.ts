import { describe, expect, it } from "vitest";
import { CURSOR_LIFETIME_MS, CursorCodec } from "../../../src/platform/store/cursor-codec.ts";
import { InvalidCursorError } from "../../../src/platform/store/store.errors.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";

const SECRET = "a-cursor-secret-that-is-long-enough-0123";
const POSITION = { PK: "USER#auth0|ada", SK: "VERSION#0002" };

function codec(clock = new ManualClock("2026-11-22T10:00:00Z"), secret: string | Uint8Array = SECRET) {
  return { clock, cursors: new CursorCodec({ secret, clock }) };
}

const flip = (cursor: string, at: number) => {
  const bytes = Buffer.from(cursor, "base64url");
  bytes[at] = (bytes[at] as number) ^ 0x80;
  return bytes.toString("base64url");
};

describe("CursorCodec: sealed, bound, expiring page cursors", () => {
  it("opens what it sealed for the same binding", () => {
    const { cursors } = codec();
    expect(cursors.open("list-a", cursors.seal("list-a", POSITION))).toEqual(POSITION);
  });

  it("is opened by another instance with the same secret (another Lambda), not with another secret", () => {
    const clock = new ManualClock("2026-11-22T10:00:00Z");
    const cursor = codec(clock).cursors.seal("list-a", POSITION);
    expect(codec(clock).cursors.open("list-a", cursor)).toEqual(POSITION);
    expect(() => codec(clock, `${SECRET}-other`).cursors.open("list-a", cursor)).toThrow(InvalidCursorError);
    expect(() => CursorCodec.ephemeral(clock).open("list-a", cursor)).toThrow(InvalidCursorError);
  });

  it("refuses it for any other binding", () => {
    const { cursors } = codec();
    const cursor = cursors.seal('["table-query","users","USER#auth0|ada"]', POSITION);
    expect(() => cursors.open('["table-query","users","USER#auth0|bob"]', cursor)).toThrow(
      InvalidCursorError,
    );
  });

  it("refuses it with any byte changed, cut short, lengthened or not in base64url", () => {
    const { cursors } = codec();
    const cursor = cursors.seal("list-a", POSITION);
    const length = Buffer.from(cursor, "base64url").length;
    for (let at = 0; at < length; at++) {
      expect(() => cursors.open("list-a", flip(cursor, at)), `byte ${at}`).toThrow(InvalidCursorError);
    }
    for (const bad of [
      cursor.slice(0, -4),
      `${cursor}AAAA`,
      `${cursor}=`,
      `${cursor.slice(1)}*`,
      "",
      "bm9wZQ",
    ]) {
      expect(() => cursors.open("list-a", bad), bad).toThrow(InvalidCursorError);
    }
  });

  it("refuses it once its lifetime has passed, naming the expiry, and one issued in the future", () => {
    const { clock, cursors } = codec();
    const cursor = cursors.seal("list-a", POSITION);
    clock.advance(CURSOR_LIFETIME_MS);
    expect(cursors.open("list-a", cursor)).toEqual(POSITION);
    clock.advance(1);
    expect(() => cursors.open("list-a", cursor)).toThrow("the cursor has expired");

    const ahead = new ManualClock("2026-11-22T10:05:00Z");
    const early = new CursorCodec({ secret: SECRET, clock: ahead }).seal("list-a", POSITION);
    const { cursors: behind } = codec(new ManualClock("2026-11-22T10:00:00Z"));
    expect(() => behind.open("list-a", early)).toThrow(InvalidCursorError);
  });

  it("says nothing of the position: each seal differs, none holds the names or values", () => {
    const { cursors } = codec();
    const [one, two] = [cursors.seal("list-a", POSITION), cursors.seal("list-a", POSITION)];
    expect(one).not.toBe(two);
    for (const cursor of [one, two]) {
      const decoded = Buffer.from(cursor, "base64url").toString("latin1");
      for (const shown of ['"PK"', '"SK"', "USER#", "auth0|ada", "VERSION#"]) {
        expect(decoded).not.toContain(shown);
        expect(cursor).not.toContain(shown);
      }
    }
  });

  it("refuses a secret shorter than 32 characters", () => {
    expect(() => codec(undefined, "short")).toThrow("at least 32");
  });
});
