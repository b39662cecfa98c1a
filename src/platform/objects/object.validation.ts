import { ObjectValidationError } from "./object-store.errors.ts";
import { type ListOptions, MAX_LIST_LIMIT } from "./object-store.port.ts";

/** S3's limit on a key (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html). */
export const MAX_KEY_BYTES = 1024;
export const MAX_CONTENT_TYPE_LENGTH = 255;

/**
 * Refuses a key the port does not take: empty or over 1024 bytes of UTF-8, not well-formed (a lone
 * surrogate), unprintable, or with a segment that is empty (a leading, trailing or doubled `/`), `.`
 * or `..`. The messages name the rule and where, never the key's characters.
 */
export function checkObjectKey(key: string): void {
  if (typeof key !== "string" || key.length === 0) throw new ObjectValidationError("the object key is empty");
  checkText("object key", key);
  for (const segment of key.split("/")) checkSegment("object key", segment);
}

/**
 * A prefix is the start of a key: empty (every key), or complete segments then part of one. Its
 * complete segments follow the key's rules, so `a/../` and `/a` are refused; `a/.` is only a start.
 */
export function checkPrefix(prefix: string): void {
  if (typeof prefix !== "string") throw new ObjectValidationError("the prefix is not a string");
  checkText("prefix", prefix);
  for (const segment of prefix.split("/").slice(0, -1)) checkSegment("prefix", segment);
}

export function checkListOptions(options: ListOptions): void {
  const { limit, after } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new ObjectValidationError(`the list limit must be a whole number from 1 to ${MAX_LIST_LIMIT}`);
  }
  if (after !== undefined) checkText("list's after", after);
}

/** A media type as an HTTP header carries it: printable ASCII, 1 to 255 characters. */
export function checkContentType(contentType: string): void {
  if (
    typeof contentType !== "string" ||
    contentType.length === 0 ||
    contentType.length > MAX_CONTENT_TYPE_LENGTH ||
    !/^[\x20-\x7e]+$/.test(contentType)
  ) {
    throw new ObjectValidationError(
      `the content type must be 1 to ${MAX_CONTENT_TYPE_LENGTH} printable ASCII characters`,
    );
  }
}

export function checkBody(body: Uint8Array): void {
  if (!(body instanceof Uint8Array)) throw new ObjectValidationError("the object body must be a Uint8Array");
}

function checkText(what: string, text: string): void {
  if (!text.isWellFormed()) {
    throw new ObjectValidationError(`the ${what} holds a lone surrogate, which UTF-8 cannot encode`);
  }
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_KEY_BYTES) {
    throw new ObjectValidationError(
      `the ${what} is ${bytes} bytes of UTF-8, over the ${MAX_KEY_BYTES} allowed`,
    );
  }
  let position = 0;
  for (const char of text) {
    position++;
    const code = char.codePointAt(0) ?? 0;
    if (unprintable(code)) {
      const hex = code.toString(16).toUpperCase().padStart(4, "0");
      throw new ObjectValidationError(`the ${what} must be printable: U+${hex} at character ${position}`);
    }
  }
}

function checkSegment(what: string, segment: string): void {
  if (segment === "") {
    throw new ObjectValidationError(`the ${what} has an empty segment (a leading, trailing or doubled "/")`);
  }
  if (segment === "." || segment === "..") {
    throw new ObjectValidationError(`the ${what} has a "${segment}" segment`);
  }
}

/**
 * C0 and C1 controls, and U+FFFE and U+FFFF, which XML 1.0 cannot carry (S3 lists keys in XML;
 * https://www.w3.org/TR/xml/#charsets).
 */
function unprintable(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff;
}
