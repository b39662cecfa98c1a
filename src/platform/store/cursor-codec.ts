import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Clock } from "../time/clock.port.ts";
import { InvalidCursorError } from "./store.errors.ts";

/** How long a page cursor is honoured after it was issued. */
export const CURSOR_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** The shortest secret a codec takes (characters or bytes): the key is derived from it. */
export const MIN_CURSOR_SECRET_LENGTH = 32;

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Clocks of two instances differ a little; a cursor "issued" further ahead than this is refused. */
const CLOCK_SKEW_MS = 60_000;

export interface CursorCodecOptions {
  /** The configured secret (`ROSTER_CURSOR_KEY`, or the local data folder's `cursor.key`). */
  readonly secret: string | Uint8Array;
  readonly clock: Clock;
  readonly lifetimeMs?: number;
}

/**
 * Page cursors as clients see them: the position (the keys of the last item, a search's last row) is
 * sealed with AES-256-GCM, so a client can neither read the key layout nor forge one; the binding (the
 * query that issued it: table, index, partition, sort condition and order, or a search's terms) is the
 * additional authenticated data, so a cursor of another list, another user's or another route's, fails
 * the tag exactly as a tampered one does. The issue time is sealed too: past `lifetimeMs` by the
 * injected clock the cursor is stale. Any of these answers InvalidCursorError (400 naming
 * `query.cursor`). The key is derived from the secret with HKDF-SHA-256, so the secret's form (text of
 * any length from 32) does not matter; every instance of a service must share it.
 *
 * Format: base64url of `version (1) | iv (12) | ciphertext | tag (16)`; plaintext `{"t":issued ms,"p":position}`.
 */
export class CursorCodec {
  readonly #key: Buffer;
  readonly #clock: Clock;
  readonly #lifetimeMs: number;

  constructor(options: CursorCodecOptions) {
    if (options.secret.length < MIN_CURSOR_SECRET_LENGTH)
      throw new Error(`a cursor secret needs at least ${MIN_CURSOR_SECRET_LENGTH} characters or bytes`);
    const secret = typeof options.secret === "string" ? Buffer.from(options.secret, "utf8") : options.secret;
    this.#key = Buffer.from(hkdfSync("sha256", secret, "roster", "page-cursor/v1", 32));
    this.#clock = options.clock;
    this.#lifetimeMs = options.lifetimeMs ?? CURSOR_LIFETIME_MS;
  }

  /**
   * A codec with a random secret: its cursors are honoured by this instance only. For stores whose
   * cursors never leave the process (workers, CLIs, tests); an API shares a configured secret.
   */
  static ephemeral(clock: Clock): CursorCodec {
    return new CursorCodec({ secret: randomBytes(32), clock });
  }

  seal(binding: string, position: unknown): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(aad(binding));
    const plain = JSON.stringify({ t: this.#clock.now().getTime(), p: position });
    const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, sealed, cipher.getAuthTag()]).toString("base64url");
  }

  /** The position `seal` was given for the same binding; InvalidCursorError for anything else. */
  open(binding: string, cursor: string): unknown {
    const { issuedAt, position } = this.#unseal(binding, cursor);
    const now = this.#clock.now().getTime();
    if (issuedAt > now + CLOCK_SKEW_MS) throw new InvalidCursorError();
    if (now - issuedAt > this.#lifetimeMs) throw new InvalidCursorError("stale");
    return position;
  }

  #unseal(binding: string, cursor: string): { issuedAt: number; position: unknown } {
    const bytes = Buffer.from(cursor, "base64url");
    // Buffer.from drops what is not base64url: a cursor must be exactly its own encoding.
    if (bytes.toString("base64url") !== cursor || bytes.length < 1 + IV_BYTES + TAG_BYTES + 2)
      throw new InvalidCursorError();
    if (bytes[0] !== VERSION) throw new InvalidCursorError();
    const iv = bytes.subarray(1, 1 + IV_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(binding));
    decipher.setAuthTag(tag);
    let plain: string;
    try {
      plain = Buffer.concat([
        decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    } catch {
      throw new InvalidCursorError();
    }
    const parsed = JSON.parse(plain) as { t?: unknown; p?: unknown };
    if (typeof parsed.t !== "number") throw new InvalidCursorError();
    return { issuedAt: parsed.t, position: parsed.p };
  }
}

function aad(binding: string): Buffer {
  return Buffer.from(`roster page cursor v1\n${binding}`, "utf8");
}
