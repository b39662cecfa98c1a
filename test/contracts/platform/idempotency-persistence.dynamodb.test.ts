import { describe, inject } from "vitest";
import { idempotencyTable } from "../../../src/platform/idempotency/idempotency.table.ts";
import { freshDynamoDbStores, JAVA_MISSING } from "../../support/dynamodb-local.ts";
import { idempotencyPersistenceContract } from "./idempotency-persistence.contract.ts";

const endpoint = inject("dynamodbEndpoint");

describe.skipIf(!endpoint)(endpoint ? "Idempotency records on DynamoDB Local" : JAVA_MISSING, () => {
  idempotencyPersistenceContract("DynamoDB Local", freshDynamoDbStores(endpoint, [idempotencyTable]));
});
