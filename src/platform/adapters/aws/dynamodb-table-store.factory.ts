import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { CursorCodec } from "../../store/cursor-codec.ts";
import type { Clock } from "../../time/clock.port.ts";
import { createDocumentClient, DynamoDbTableStore } from "./dynamodb-table.store.ts";

export interface TableStoreConfig {
  readonly STAGE: string;
  readonly AWS_REGION: string;
  /** Only for pointing a bundle at DynamoDB Local in tests; unset on AWS. */
  readonly DYNAMODB_ENDPOINT?: string | undefined;
}

/**
 * The single-table store on DynamoDB in `region` (AWS_REGION unless named), tables `{stage}-<name>`;
 * `cursors` (the API's, from ROSTER_CURSOR_KEY) seals its page cursors, else a codec of its own.
 */
export function awsTableStore(
  config: TableStoreConfig,
  clock: Clock,
  region: string = config.AWS_REGION,
  cursors?: CursorCodec,
): DynamoDbTableStore {
  const client = new DynamoDBClient({
    region,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  });
  return new DynamoDbTableStore({
    client: createDocumentClient(client),
    stage: config.STAGE,
    clock,
    ...(cursors ? { cursors } : {}),
  });
}
