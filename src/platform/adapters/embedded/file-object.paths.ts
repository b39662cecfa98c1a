import { join, resolve, sep } from "node:path";
import { ObjectValidationError } from "../../objects/object-store.errors.ts";

/**
 * How the file store names things under its root. A key's segments are folders and its last segment a
 * file; each segment is escaped so that the names are safe on every file system the local runtime
 * meets: only `a-z 0-9 . _ -` stay as they are, every other UTF-8 byte is `%XX` (uppercase letters too,
 * so keys that differ only in case stay apart on case-insensitive volumes, macOS's default, and
 * non-ASCII ones stay apart under macOS's Unicode normalization). No escaped name holds `~`, so the
 * store's own suffixes never meet a key: `<segment>~obj` is an object, `~<uuid>~tmp` a write in
 * progress, and a folder and an object of one name (keys `a` and `a/b`) live side by side.
 */
export const OBJECT_SUFFIX = "~obj";
const TEMP_SUFFIX = "~tmp";

/** Most file systems allow 255 bytes per name (NAME_MAX); the object suffix takes 4 of them. */
export const MAX_ESCAPED_SEGMENT_BYTES = 255 - OBJECT_SUFFIX.length;

const KEPT = new Set([..."abcdefghijklmnopqrstuvwxyz0123456789._-"].map((c) => c.charCodeAt(0)));

export function escapeSegment(segment: string): string {
  let escaped = "";
  for (const byte of Buffer.from(segment, "utf8")) {
    escaped += KEPT.has(byte)
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return escaped;
}

/** The segment a folder or object name stands for; `undefined` for a name the store did not make. */
export function unescapeName(name: string): string | undefined {
  if (name.includes("~")) return undefined;
  try {
    const segment = decodeURIComponent(name);
    return escapeSegment(segment) === name ? segment : undefined;
  } catch {
    return undefined;
  }
}

/** The file of `key` (a key the port's checks took) under `root`, or the refusal of a segment too long. */
export function objectPath(root: string, key: string): string {
  const names = key.split("/").map(escapeSegment);
  const longest = Math.max(...names.map((name) => name.length));
  if (longest > MAX_ESCAPED_SEGMENT_BYTES) {
    throw new ObjectValidationError(
      `a segment of the object key is ${longest} bytes once escaped for the file store, over the ${MAX_ESCAPED_SEGMENT_BYTES} it holds`,
    );
  }
  const file = `${names.pop()}${OBJECT_SUFFIX}`;
  return within(root, join(root, ...names, file));
}

/** The folder of the complete segments of a prefix (`a/b/` of `a/b/c`). */
export function folderPath(root: string, segments: readonly string[]): string {
  return within(root, join(root, ...segments.map(escapeSegment)));
}

export function tempName(id: string): string {
  return `~${id}${TEMP_SUFFIX}`;
}

/** Escaping leaves no `..` and no separator, so this never fails; it is the last line all the same. */
function within(root: string, path: string): string {
  const base = resolve(root);
  const full = resolve(path);
  if (full !== base && !full.startsWith(base + sep)) {
    throw new ObjectValidationError("the object key leads outside the file store's folder");
  }
  return full;
}
