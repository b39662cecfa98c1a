import { setTimeout as sleep } from "node:timers/promises";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { CursorCodec } from "../../store/cursor-codec.ts";
import { checkKey, encodeCursor, encodeScanCursor, tableKeyOf } from "../../store/key-codec.ts";
import { checkScanInput } from "../../store/scan-input.validation.ts";
import { StoreValidationError } from "../../store/store.errors.ts";
import { physicalTableName, type TableSpec } from "../../store/table-spec.ts";
import {
  type Condition,
  type GetOptions,
  type Item,
  type ItemChanges,
  type Key,
  MAX_BATCH_GET_KEYS,
  type QueryInput,
  type QueryPage,
  type ScanInput,
  type TableStore,
  type TransactWrite,
} from "../../store/table-store.port.ts";
import { type Clock, unixSeconds } from "../../time/clock.port.ts";
import { toStoreError } from "./dynamodb-errors.ts";
import { collectPages, type PageRead, pageOf } from "./dynamodb-pages.ts";
import {
  deleteRequest,
  isExpired,
  putRequest,
  queryRequest,
  scanRequest,
  scanStartKeyOf,
  startKeyOf,
  transactItems,
  updateRequest,
} from "./dynamodb-requests.ts";

/** The most items one query returns, as in the embedded store; a larger limit gets this many and a cursor. */
const MAX_QUERY_ITEMS = 10_000;
/** Attempts at the keys BatchGetItem leaves unprocessed, with exponential backoff as AWS advises. */
const BATCH_GET_ATTEMPTS = 8;
const BATCH_GET_BASE_DELAY_MS = 25;

export interface DynamoDbTableStoreOptions {
  /** Made by createDocumentClient: the store relies on its marshalling options. */
  readonly client: DynamoDBDocumentClient;
  readonly stage: string;
  readonly clock: Clock;
  /**
   * Seals the page cursors it hands out. The API passes one from its configured secret (every instance
   * honours every other's cursors); without one, a codec of its own: cursors honoured by this instance
   * only, enough for a worker, whose cursors never leave its invocation.
   */
  readonly cursors?: CursorCodec;
}

/**
 * The document client the store expects: undefined values dropped, and every number a JS number both
 * ways, as in the embedded store's JSON (by default lib-dynamodb refuses integers beyond 2^53 on write
 * and returns them as bigint on read, which is not a StoredValue).
 */
export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, allowImpreciseNumbers: true },
    unmarshallOptions: { wrapNumbers: (value: string) => Number(value) },
  });
}

/**
 * The single-table store on DynamoDB. Table reads are strongly consistent (GSIs cannot be); expired
 * items are filtered out here because DynamoDB's TTL deletes them only eventually.
 */
export class DynamoDbTableStore implements TableStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #stage: string;
  readonly #clock: Clock;
  readonly #cursors: CursorCodec;

  constructor(options: DynamoDbTableStoreOptions) {
    const translation = options.client.config.translateConfig;
    if (!translation?.marshallOptions?.removeUndefinedValues || !translation.unmarshallOptions?.wrapNumbers) {
      throw new Error("DynamoDbTableStore needs a document client made by createDocumentClient");
    }
    this.#client = options.client;
    this.#stage = options.stage;
    this.#clock = options.clock;
    this.#cursors = options.cursors ?? CursorCodec.ephemeral(options.clock);
  }

  tableName(spec: TableSpec): string {
    return physicalTableName(this.#stage, spec);
  }

  async get(table: TableSpec, key: Key, options: GetOptions = {}): Promise<Item | undefined> {
    const command = new GetCommand({
      TableName: this.tableName(table),
      Key: checkKey(table, key),
      ConsistentRead: true,
    });
    const item = (await this.#call(table, this.#client.send(command))).Item as Item | undefined;
    if (!item || options.includeExpired) return item;
    return isExpired(table, item, unixSeconds(this.#clock.now())) ? undefined : item;
  }

  async put(table: TableSpec, item: Item, condition?: Condition): Promise<void> {
    const command = new PutCommand(putRequest(this.tableName(table), table, item, condition));
    await this.#call(table, this.#client.send(command));
  }

  async update(table: TableSpec, key: Key, changes: ItemChanges, condition?: Condition): Promise<Item> {
    const request = updateRequest(this.tableName(table), table, key, changes, condition);
    const output = await this.#call(
      table,
      this.#client.send(new UpdateCommand({ ...request, ReturnValues: "ALL_NEW" })),
    );
    return output.Attributes as Item;
  }

  async delete(table: TableSpec, key: Key, condition?: Condition): Promise<Item | undefined> {
    const request = deleteRequest(this.tableName(table), table, key, condition);
    const output = await this.#call(
      table,
      this.#client.send(new DeleteCommand({ ...request, ReturnValues: "ALL_OLD" })),
    );
    return output.Attributes as Item | undefined;
  }

  async transactWrite(writes: readonly TransactWrite[]): Promise<void> {
    const items = transactItems(writes, (table) => this.tableName(table));
    const first = writes[0] && Object.values(writes[0])[0];
    const command = new TransactWriteCommand({ TransactItems: items });
    await this.#call(first?.table, this.#client.send(command));
  }

  /** Collects DynamoDB pages until the page is full and one more item is seen (see collectPages). */
  async query(table: TableSpec, input: QueryInput): Promise<QueryPage> {
    const limit = input.limit ?? MAX_QUERY_ITEMS;
    if (!Number.isInteger(limit) || limit < 1)
      throw new StoreValidationError("limit must be a positive integer");
    const wanted = Math.min(limit, MAX_QUERY_ITEMS);
    const request = queryRequest(this.tableName(table), table, input);
    const start =
      input.cursor === undefined ? undefined : startKeyOf(this.#cursors, table, input, input.cursor);
    const read: PageRead = (page) =>
      this.#call(table, this.#client.send(new QueryCommand({ ...request, ...page })));
    const found = await collectPages(read, wanted, start, this.#live(table));
    return pageOf(found, wanted, (last) => encodeCursor(this.#cursors, table, input, last));
  }

  /** A Scan, parallel when segmented; pages collected as a query's are. For exports, never a request path. */
  async scan(table: TableSpec, input: ScanInput = {}): Promise<QueryPage> {
    checkScanInput(table, input);
    const wanted = Math.min(input.limit ?? MAX_QUERY_ITEMS, MAX_QUERY_ITEMS);
    const request = scanRequest(this.tableName(table), input);
    const start =
      input.cursor === undefined ? undefined : scanStartKeyOf(this.#cursors, table, input, input.cursor);
    const read: PageRead = (page) =>
      this.#call(table, this.#client.send(new ScanCommand({ ...request, ...page })));
    const found = await collectPages(read, wanted, start, this.#live(table));
    return pageOf(found, wanted, (last) => encodeScanCursor(this.#cursors, table, input, last));
  }

  async batchGet(table: TableSpec, keys: readonly Key[]): Promise<Item[]> {
    if (keys.length === 0 || keys.length > MAX_BATCH_GET_KEYS) {
      throw new StoreValidationError(`a batch get takes 1 to ${MAX_BATCH_GET_KEYS} keys`);
    }
    const asked = keys.map((key) => checkKey(table, key));
    // DynamoDB refuses a key twice in one request; the embedded store answers it twice, so ask once.
    const unique = new Map(asked.map((key) => [JSON.stringify(key), key]));
    const found = await this.#batchGetUnique(table, [...unique.values()]);
    const now = unixSeconds(this.#clock.now());
    return asked.flatMap((key) => {
      const item = found.get(JSON.stringify(key));
      return item && !isExpired(table, item, now) ? [item] : [];
    });
  }

  async #batchGetUnique(table: TableSpec, keys: Key[]): Promise<Map<string, Item>> {
    const name = this.tableName(table);
    const found = new Map<string, Item>();
    let pending = keys;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > BATCH_GET_ATTEMPTS) {
        throw new Error(
          `${name}: BatchGetItem left ${pending.length} keys unprocessed after ${BATCH_GET_ATTEMPTS} attempts`,
        );
      }
      if (attempt > 1) await sleep(BATCH_GET_BASE_DELAY_MS * 2 ** attempt * (0.5 + Math.random() / 2));
      const command = new BatchGetCommand({
        RequestItems: { [name]: { Keys: pending, ConsistentRead: true } },
      });
      const output = await this.#call(table, this.#client.send(command));
      for (const item of (output.Responses?.[name] ?? []) as Item[]) {
        found.set(JSON.stringify(tableKeyOf(table, item)), item);
      }
      pending = (output.UnprocessedKeys?.[name]?.Keys ?? []) as Key[];
    }
    return found;
  }

  /** Whether an item is unexpired now by the injected clock: DynamoDB's TTL deletes only eventually. */
  #live(table: TableSpec): (item: Item) => boolean {
    const now = unixSeconds(this.#clock.now());
    return (item) => !isExpired(table, item, now);
  }

  async #call<T>(table: TableSpec | undefined, request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      throw toStoreError(error, table ? this.tableName(table) : "transaction");
    }
  }
}
