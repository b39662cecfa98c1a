/**
 * A write of an immutable object whose key already holds another document (other bytes or another
 * content type); nothing was written. Names the key, never either body.
 */
export class ObjectConflictError extends Error {
  override readonly name: string = "ObjectConflictError";
  readonly key: string;
  constructor(key: string) {
    super(`the object ${JSON.stringify(key)} already holds a different document, and it never changes`);
    this.key = key;
  }
}

/** A request the object store refuses before touching anything: a bad key, prefix, content type or limit. */
export class ObjectValidationError extends Error {
  override readonly name: string = "ObjectValidationError";
}
