import type { TableSpec } from "../store/table-spec.ts";

/**
 * `{stage}-user-service-idempotency`: Powertools idempotency records of the stream workers, one item
 * per idempotency key (`id`), deleted by TTL on `expiration` (epoch seconds) once the window has passed.
 * Its own table, not the users table: the feeder and the projector read that table's change feed, and
 * these items are no fact about a user.
 */
export const idempotencyTable = {
  name: "user-service-idempotency",
  partitionKey: { name: "id", type: "S" },
  ttlAttribute: "expiration",
} as const satisfies TableSpec;
