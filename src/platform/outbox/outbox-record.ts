/**
 * A record for a service's stream (or its bus), written in the same transaction as the change it
 * describes and relayed afterwards (ADR-002 of the catalogue: transactional outbox), so a committed change always
 * reaches the stream, and one that rolled back never does.
 */
export interface OutboxRecord {
  /** The stream record's `event_id`: unique, so a consumer that dedupes on it sees each change once. */
  readonly recordId: string;
  /** The stream's partition key: records of one user are relayed in the order they committed. */
  readonly userId: string;
  readonly eventType: string;
  /** The whole stream record (envelope and payload), as JSON. */
  readonly payload: unknown;
}

/** A stored record waiting to be relayed. */
export interface OutboxEntry extends OutboxRecord {
  /** Its place in the outbox: increasing in commit order for one user's records. */
  readonly position: number;
  readonly createdAt: Date;
}
