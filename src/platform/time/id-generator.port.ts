import { randomUUID } from "node:crypto";

/** The one source of new identifiers; tests give a predictable sequence. */
export interface IdGenerator {
  next(): string;
}

export const randomIds: IdGenerator = { next: () => randomUUID() };

/** Ids `<prefix>-1`, `<prefix>-2`, ...: readable in test failures. */
export function sequentialIds(prefix = "id"): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}-${++n}` };
}
