/** A page of a list, as use cases return it: the cursor is opaque and present only when more follow. */
export interface Page<T> {
  readonly items: T[];
  readonly next_cursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}
