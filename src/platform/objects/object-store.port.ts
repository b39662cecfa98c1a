/**
 * Documents that are written once and never change: S3 on AWS (`S3ObjectStore`), files under the local
 * data folder's `objects/` (`FileObjectStore`). Both keep one contract (test/contracts/platform/):
 *
 * - A document is its bytes and its content type; both are part of what must never change.
 * - `putImmutable` creates the object. Writing the same key again with the same bytes and content
 *   type changes nothing and answers "unchanged", so a redelivered message may write again; anything
 *   else throws `ObjectConflictError` and leaves the first document as it was. Of concurrent writers
 *   of one key exactly one creates it; each other one gets "unchanged" or the conflict, by its content.
 * - `get` reads what was written, or `undefined` for a key never written. A read after a write that
 *   returned sees that write (S3 is strongly consistent for reads after writes).
 * - `list` answers keys that start with `prefix`, in UTF-8 byte order (S3's order), a page at a time.
 * - Keys and prefixes are checked first (object.validation.ts; `ObjectValidationError` names the rule):
 *   1 to 1024 bytes of UTF-8, printable (no control character, U+FFFE, U+FFFF or lone surrogate),
 *   `/`-separated segments none of which is empty, `.` or `..` (so no leading or trailing `/`). An
 *   adapter may refuse a key its medium cannot hold: the file store refuses a segment over 251 bytes
 *   once escaped (file-object.paths.ts).
 * - Bodies are never logged, nor put in an error: receipts can hold personal data.
 */
export interface ObjectStore {
  putImmutable(key: string, body: Uint8Array, options: PutOptions): Promise<PutOutcome>;
  get(key: string): Promise<StoredObject | undefined>;
  list(prefix: string, options: ListOptions): Promise<ObjectPage>;
}

export interface PutOptions {
  /** The media type `get` answers with, e.g. `application/json`: printable ASCII, at most 255 characters. */
  readonly contentType: string;
}

/**
 * "created": this call wrote the document; "unchanged": the same document was there already. It
 * informs, the document is what counts: when the SDK repeats a PUT whose answer was lost, S3 refuses
 * the repeat and the call answers "unchanged" for the document it wrote itself.
 */
export type PutOutcome = "created" | "unchanged";

export interface StoredObject {
  readonly body: Uint8Array;
  readonly contentType: string;
}

/** The most keys one page answers: S3's ListObjectsV2 `MaxKeys` limit. */
export const MAX_LIST_LIMIT = 1000;

export interface ListOptions {
  /** Keys on this page at most, 1 to MAX_LIST_LIMIT. */
  readonly limit: number;
  /** Only keys after this one (in byte order): the `after` of the previous page. */
  readonly after?: string | undefined;
}

export interface ObjectPage {
  readonly keys: readonly string[];
  /** Present exactly when more keys match: the last key of this page, to pass as `after`. */
  readonly after?: string;
}
