import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
} from "@aws-lambda-powertools/idempotency";
import { BasePersistenceLayer, IdempotencyRecord } from "@aws-lambda-powertools/idempotency/persistence";
import { ConditionFailedError } from "../store/store.errors.ts";
import {
  type Item,
  MAX_TRANSACTION_ITEMS,
  type StoredValue,
  type TableStore,
} from "../store/table-store.port.ts";
import { idempotencyTable } from "./idempotency.table.ts";

type Status = ReturnType<IdempotencyRecord["getStatus"]>;

/** A persistence layer that can write the COMPLETED records of a batch of runs together. */
export interface CompletesTogether {
  /**
   * Runs `work`; the COMPLETED records its runs save are written when it settles, together (one
   * transaction per MAX_TRANSACTION_ITEMS records) instead of one write each.
   */
  completingTogether<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Powertools idempotency records on Roster's `TableStore` port, so one persistence layer serves DynamoDB
 * on AWS and the embedded store locally (Powertools' own `DynamoDBPersistenceLayer` needs a DynamoDB
 * client). The port's conditions have no `<`, so "absent, or expired, or in progress past its
 * deadline" is decided on a read (one that sees expired items, as conditions do) and the put is made on
 * condition that the item is still the one read (its write token): of two racing workers exactly one
 * takes the key, the other sees it taken.
 */
export class TableStorePersistenceLayer extends BasePersistenceLayer implements CompletesTogether {
  readonly #store: TableStore;
  readonly #nowMs: () => number;
  /** The COMPLETED records held back by the `completingTogether` call the current run is part of. */
  readonly #held = new AsyncLocalStorage<Map<string, Item>>();

  constructor(options: { readonly store: TableStore; readonly nowMs?: () => number }) {
    super();
    this.#store = options.store;
    this.#nowMs = options.nowMs ?? Date.now;
  }

  /**
   * Held back, a COMPLETED record is what a crash before the write loses: its run is found INPROGRESS
   * and runs again once that expires, as after a crash between a run and its own COMPLETED write. The
   * runs of `work` see the held records (a repeat in the same batch is answered from them); the held
   * writes are made even when `work` throws, as each run's would have been.
   */
  async completingTogether<T>(work: () => Promise<T>): Promise<T> {
    const held = new Map<string, Item>();
    try {
      return await this.#held.run(held, work);
    } finally {
      const items = [...held.values()];
      for (let start = 0; start < items.length; start += MAX_TRANSACTION_ITEMS) {
        const chunk = items.slice(start, start + MAX_TRANSACTION_ITEMS);
        await this.#store.transactWrite(chunk.map((item) => ({ put: { table: idempotencyTable, item } })));
      }
    }
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const held = this.#held.getStore()?.get(idempotencyKey);
    if (held) return recordOf(held);
    const item = await this.#store.get(idempotencyTable, { id: idempotencyKey });
    if (!item) throw new IdempotencyItemNotFoundError();
    return recordOf(item);
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const key = { id: record.idempotencyKey };
    const held = this.#held.getStore()?.get(record.idempotencyKey);
    if (held && !this.#replaceable(held)) throw taken(record, held);
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
    const held = this.#held.getStore();
    if (held && record.getStatus() === "COMPLETED") held.set(record.idempotencyKey, itemOf(record));
    else await this.#store.put(idempotencyTable, itemOf(record));
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.#held.getStore()?.delete(record.idempotencyKey);
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
