import { randomUUID } from "node:crypto";
import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
} from "@aws-lambda-powertools/idempotency";
import { BasePersistenceLayer, IdempotencyRecord } from "@aws-lambda-powertools/idempotency/persistence";
import { ConditionFailedError } from "../store/store.errors.ts";
import type { Item, StoredValue, TableStore } from "../store/table-store.port.ts";
import { idempotencyTable } from "./idempotency.table.ts";

type Status = ReturnType<IdempotencyRecord["getStatus"]>;

/**
 * Powertools idempotency records on Roster's `TableStore` port, so one persistence layer serves DynamoDB
 * on AWS and the embedded store locally (Powertools' own `DynamoDBPersistenceLayer` needs a DynamoDB
 * client). The port's conditions have no `<`, so "absent, or expired, or in progress past its
 * deadline" is decided on a read (one that sees expired items, as conditions do) and the put is made on
 * condition that the item is still the one read (its write token): of two racing workers exactly one
 * takes the key, the other sees it taken.
 */
export class TableStorePersistenceLayer extends BasePersistenceLayer {
  readonly #store: TableStore;
  readonly #nowMs: () => number;

  constructor(options: { readonly store: TableStore; readonly nowMs?: () => number }) {
    super();
    this.#store = options.store;
    this.#nowMs = options.nowMs ?? Date.now;
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const item = await this.#store.get(idempotencyTable, { id: idempotencyKey });
    if (!item) throw new IdempotencyItemNotFoundError();
    return recordOf(item);
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const key = { id: record.idempotencyKey };
    // Conditions see an expired item until TTL deletes it, so the read must see it too.
    const existing = await this.#store.get(idempotencyTable, key, { includeExpired: true });
    if (existing && !this.#replaceable(existing)) throw taken(record, existing);
    const condition = existing
      ? typeof existing.token === "string"
        ? { equals: ["token", existing.token] as const }
        : { attributeNotExists: "token" }
      : { attributeNotExists: "id" };
    try {
      await this.#store.put(idempotencyTable, itemOf(record), condition);
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      throw taken(record, await this.#store.get(idempotencyTable, key));
    }
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    await this.#store.put(idempotencyTable, itemOf(record));
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    await this.#store.delete(idempotencyTable, { id: record.idempotencyKey });
  }

  /** Powertools' rule: a record may be taken over once expired, or in progress past its deadline. */
  #replaceable(item: Item): boolean {
    const now = this.#nowMs();
    if (typeof item.expiration === "number" && item.expiration < now / 1000) return true;
    return (
      item.status === "INPROGRESS" &&
      typeof item.in_progress_expiration === "number" &&
      item.in_progress_expiration < now
    );
  }
}

function itemOf(record: IdempotencyRecord): Item {
  const optional: Record<string, StoredValue> = {};
  if (record.expiryTimestamp !== undefined) optional.expiration = record.expiryTimestamp;
  if (record.inProgressExpiryTimestamp !== undefined)
    optional.in_progress_expiration = record.inProgressExpiryTimestamp;
  if (record.responseData !== undefined) optional.data = JSON.stringify(record.responseData);
  if (record.payloadHash !== undefined) optional.validation = record.payloadHash;
  // A fresh token on every write: a takeover is conditioned on the token it read, so of two workers
  // taking over one stale record exactly one succeeds (status and expiry alone can repeat).
  return { id: record.idempotencyKey, status: record.getStatus(), token: randomUUID(), ...optional };
}

function recordOf(item: Item): IdempotencyRecord {
  return new IdempotencyRecord({
    idempotencyKey: String(item.id),
    status: item.status as Status,
    ...(typeof item.expiration === "number" ? { expiryTimestamp: item.expiration } : {}),
    ...(typeof item.in_progress_expiration === "number"
      ? { inProgressExpiryTimestamp: item.in_progress_expiration }
      : {}),
    ...(typeof item.data === "string"
      ? { responseData: JSON.parse(item.data) as IdempotencyRecord["responseData"] }
      : {}),
    ...(typeof item.validation === "string" ? { payloadHash: item.validation } : {}),
  });
}

function taken(record: IdempotencyRecord, existing: Item | undefined): IdempotencyItemAlreadyExistsError {
  return new IdempotencyItemAlreadyExistsError(
    `idempotency key already taken: ${record.idempotencyKey}`,
    existing ? recordOf(existing) : undefined,
  );
}
