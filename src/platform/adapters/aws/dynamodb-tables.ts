import { setTimeout as sleep } from "node:timers/promises";
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  ResourceInUseException,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import {
  type IndexSpec,
  type KeyAttribute,
  physicalTableName,
  type TableSpec,
} from "../../store/table-spec.ts";

/** Table creation on AWS takes seconds to minutes; give up after this long. */
const ACTIVE_TIMEOUT_MS = 5 * 60_000;

/**
 * Creates the tables the specs declare (on-demand, GSIs projecting ALL, NEW_AND_OLD_IMAGES stream,
 * TTL) and waits until they and their indexes are ACTIVE. Tables that exist are left as they are,
 * after checking that they have the indexes and stream the spec asks for.
 */
export async function ensureTables(
  client: DynamoDBClient,
  stage: string,
  specs: readonly TableSpec[],
): Promise<void> {
  await Promise.all(specs.map((spec) => ensureTable(client, physicalTableName(stage, spec), spec)));
}

async function ensureTable(client: DynamoDBClient, tableName: string, spec: TableSpec): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName, spec)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const table = await waitUntilActive(client, tableName);
  checkExisting(tableName, spec, table);
  if (spec.ttlAttribute) await ensureTimeToLive(client, tableName, spec.ttlAttribute);
}

export function createTableInput(tableName: string, spec: TableSpec): CreateTableCommandInput {
  const indexes = Object.entries(spec.indexes ?? {});
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: attributeDefinitions(spec),
    KeySchema: keySchema(spec),
    ...(indexes.length > 0
      ? {
          GlobalSecondaryIndexes: indexes.map(([IndexName, index]) => ({
            IndexName,
            KeySchema: keySchema(index),
            Projection: { ProjectionType: "ALL" },
          })),
        }
      : {}),
    ...(spec.stream
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } }
      : {}),
  };
}

function keySchema(keys: IndexSpec): KeySchemaElement[] {
  return [
    { AttributeName: keys.partitionKey.name, KeyType: "HASH" },
    ...(keys.sortKey ? [{ AttributeName: keys.sortKey.name, KeyType: "RANGE" as const }] : []),
  ];
}

/** Every key attribute of the table and its indexes once; DynamoDB refuses unused or repeated ones. */
function attributeDefinitions(spec: TableSpec): AttributeDefinition[] {
  const types = new Map<string, KeyAttribute["type"]>();
  for (const keys of [spec, ...Object.values(spec.indexes ?? {})]) {
    for (const attribute of [keys.partitionKey, ...(keys.sortKey ? [keys.sortKey] : [])]) {
      const known = types.get(attribute.name);
      if (known && known !== attribute.type) {
        throw new Error(
          `${spec.name}: key attribute ${attribute.name} is declared as both ${known} and ${attribute.type}`,
        );
      }
      types.set(attribute.name, attribute.type);
    }
  }
  return [...types].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<TableDescription> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (let delay = 50; ; delay = Math.min(delay * 2, 5_000)) {
    const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === "ACTIVE",
    );
    if (table && table.TableStatus === "ACTIVE" && indexesActive) return table;
    if (Date.now() > deadline) throw new Error(`${tableName} is not ACTIVE after ${ACTIVE_TIMEOUT_MS} ms`);
    await sleep(delay);
  }
}

/** An existing table that lacks an index or the stream would fail later in confusing ways; say so now. */
function checkExisting(tableName: string, spec: TableSpec, table: TableDescription): void {
  const present = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = Object.keys(spec.indexes ?? {}).filter((name) => !present.has(name));
  if (missing.length > 0) throw new Error(`${tableName} exists without the indexes ${missing.join(", ")}`);
  const stream = table.StreamSpecification;
  if (spec.stream && (!stream?.StreamEnabled || stream.StreamViewType !== "NEW_AND_OLD_IMAGES")) {
    throw new Error(`${tableName} exists without a NEW_AND_OLD_IMAGES stream`);
  }
}

async function ensureTimeToLive(client: DynamoDBClient, tableName: string, attribute: string): Promise<void> {
  const { TimeToLiveDescription: ttl } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  const status = ttl?.TimeToLiveStatus;
  if ((status === "ENABLED" || status === "ENABLING") && ttl?.AttributeName === attribute) return;
  // DynamoDB refuses to switch TTL to another attribute, or back on within an hour of disabling it.
  if (status === "ENABLED" || status === "ENABLING" || status === "DISABLING") {
    throw new Error(`${tableName} has TTL ${status} on ${ttl?.AttributeName}, not on ${attribute}`);
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: attribute },
    }),
  );
}
