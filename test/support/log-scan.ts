/**
 * What must never be in a log (issue 12): a card number, a CVC, a gateway secret, a signed webhook
 * signature; and (issue 14) a signed token (a bearer JWT, a store's JWS: Apple's signed payloads and
 * transactions, Google's push tokens) or a private key (Apple's .p8, Google's service account). The scanner reads text line by line and names what it found without repeating it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type FindingKind =
  | "card number"
  | "cvc"
  | "stripe secret"
  | "stripe signature"
  | "signed token"
  | "private key";

export interface Finding {
  readonly kind: FindingKind;
  /** Where: `<file>:<line>` in a run folder, or the line's number. */
  readonly at: string;
  /** The value masked (first and last characters only), so the report itself leaks nothing. */
  readonly masked: string;
}

/** The Luhn check digit rule (ISO/IEC 7812-1), which every card number satisfies. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * 13 to 19 digits starting as the card networks' numbers do (2 to 6: Mastercard, Amex, Diners, JCB, Visa,
 * Discover, UnionPay), unbroken or in the groups cards print (4-4-4-4..., Amex's 4-6-5), standing alone:
 * not inside a hex hash or a UUID's groups. Numbers that start with 1 or 7-9 are left alone: epoch
 * milliseconds and microseconds start with 1 until 2033.
 */
const CARD_PATTERNS = [
  /(?<![0-9A-Za-z])[2-6]\d{12,18}(?![0-9A-Za-z])/g,
  /(?<![0-9A-Za-z-])[2-6]\d{3}([ -])\d{4}\1\d{4}\1\d{1,7}(?![0-9A-Za-z-])/g,
  /(?<![0-9A-Za-z-])3\d{3}([ -])\d{6}\1\d{5}(?![0-9A-Za-z-])/g,
];

/** A `cvc`/`cvv` (or `cvc2`, `card[cvc]`) key with a value: JSON, form or `key: value` text. */
const CVC_PATTERN = /(?<![A-Za-z0-9_])(?:cvc|cvv)2?["'\]]?\s*[:=]\s*(?!null\b)["']?([^\s"',&}\]]+)/gi;

/** Stripe's secret and restricted keys and webhook signing secrets, with key material after the prefix. */
const SECRET_PATTERN = /(?<![A-Za-z0-9])(?:(?:sk|rk)_(?:live|test)_|whsec_)[A-Za-z0-9_]{8,}/g;

/** A signed Stripe-Signature header value: `t=<time>,v1=<64 hex digits>` (v0 for test-mode secrets). */
const SIGNATURE_PATTERN = /v[01]=[0-9a-f]{64}(?![0-9a-f])/gi;

/** A JWT or compact JWS: a base64url JSON header (`eyJ`), a payload and a signature, dot-separated. */
const SIGNED_TOKEN_PATTERN = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g;

/** A PEM private key's armour (PKCS#8, SEC1, PKCS#1), escaped in JSON or not. */
const PRIVATE_KEY_PATTERN = /-----BEGIN (?:EC |RSA |ENCRYPTED )?PRIVATE KEY-----/g;

/**
 * Mastercard's 2-series is 2221-2720; no network issues other numbers that start with 2, which App
 * Store transaction ids do (`2000000…`, 16 digits: one in ten passes the Luhn check by chance).
 */
const issuable = (digits: string): boolean => {
  if (!digits.startsWith("2")) return true;
  const iin = Number(digits.slice(0, 4));
  return iin >= 2221 && iin <= 2720;
};

const mask = (value: string) =>
  value.length <= 8 ? "*".repeat(value.length) : `${value.slice(0, 4)}…${value.slice(-2)}`;

/** Every finding on one line of text. */
export function scanLine(line: string, at: string): Finding[] {
  const found: Finding[] = [];
  for (const pattern of CARD_PATTERNS) {
    for (const match of line.matchAll(pattern)) {
      const digits = match[0].replace(/[ -]/g, "");
      if (digits.length >= 13 && digits.length <= 19 && issuable(digits) && luhnValid(digits)) {
        found.push({ kind: "card number", at, masked: mask(digits) });
      }
    }
  }
  for (const match of line.matchAll(CVC_PATTERN))
    found.push({ kind: "cvc", at, masked: mask(match[1] ?? "") });
  for (const match of line.matchAll(SECRET_PATTERN)) {
    found.push({ kind: "stripe secret", at, masked: mask(match[0]) });
  }
  for (const match of line.matchAll(SIGNATURE_PATTERN)) {
    found.push({ kind: "stripe signature", at, masked: mask(match[0]) });
  }
  for (const match of line.matchAll(SIGNED_TOKEN_PATTERN))
    found.push({ kind: "signed token", at, masked: mask(match[0]) });
  for (const match of line.matchAll(PRIVATE_KEY_PATTERN))
    found.push({ kind: "private key", at, masked: mask(match[0]) });
  return found;
}

/** Every finding in `text`, each named `<name>:<line number>`. */
export function scanText(text: string, name: string): Finding[] {
  return text.split("\n").flatMap((line, index) => scanLine(line, `${name}:${index + 1}`));
}

export interface FolderScan {
  readonly findings: Finding[];
  /** Lines read per file, by file name. */
  readonly lines: Record<string, number>;
}

/** Scans every file of a run's log folder. */
export function scanFolder(dir: string): FolderScan {
  const findings: Finding[] = [];
  const lines: Record<string, number> = {};
  for (const name of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, name), "utf8");
    lines[name] = text === "" ? 0 : text.split("\n").filter((line) => line !== "").length;
    findings.push(...scanText(text, name));
  }
  return { findings, lines };
}
