import type { OutboxEntry } from "./outbox-record.ts";

/**
 * The relay's side of the outbox (records are appended by the repositories, inside their
 * transactions). One relay at a time: it sends `pending` in order, then marks what the stream took.
 * A crash between the two sends the same records again, and consumers dedupe on `recordId`.
 */
export interface Outbox {
  /** Records not yet relayed, in position order (one user's in the order they committed). */
  pending(limit: number): Promise<OutboxEntry[]>;
  markRelayed(positions: readonly number[]): Promise<void>;
}
