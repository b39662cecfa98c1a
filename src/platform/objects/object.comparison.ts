import type { StoredObject } from "./object-store.port.ts";

/**
 * S3's list order: UTF-8 bytes, which is code point order. JavaScript's `<` compares UTF-16 code
 * units and puts U+10000 and above before U+E000..U+FFFF, so it is not used.
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** The document an immutable write may repeat: the same bytes and the same content type. */
export function sameDocument(stored: StoredObject, body: Uint8Array, contentType: string): boolean {
  return stored.contentType === contentType && Buffer.compare(stored.body, body) === 0;
}
