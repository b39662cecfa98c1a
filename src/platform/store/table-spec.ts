/** Declares a table the way DynamoDB sees it: keys, global secondary indexes, TTL and change feed. */
export type KeyType = "S" | "N";

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexSpec {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableSpec {
  /** Logical name, e.g. `user-service-users`; the physical name adds the stage prefix. */
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes?: Readonly<Record<string, IndexSpec>>;
  /** Attribute holding an expiry time in Unix seconds; expired items are invisible to reads and swept. */
  readonly ttlAttribute?: string;
  /** Whether committed writes are published on the table's change feed (DynamoDB Streams NEW_AND_OLD_IMAGES). */
  readonly stream?: boolean;
}

export function physicalTableName(stage: string, spec: TableSpec): string {
  return `${stage}-${spec.name}`;
}

export function keyAttributesOf(spec: TableSpec, indexName?: string): KeyAttribute[] {
  const table = [spec.partitionKey, ...(spec.sortKey ? [spec.sortKey] : [])];
  if (indexName === undefined) return table;
  const index = spec.indexes?.[indexName];
  if (!index) throw new Error(`table ${spec.name} has no index ${indexName}`);
  return [index.partitionKey, ...(index.sortKey ? [index.sortKey] : []), ...table];
}
