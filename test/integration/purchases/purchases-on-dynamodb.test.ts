import { describe, inject } from "vitest";
import { purchasesTables } from "../../../src/purchases/adapters/dynamodb/purchases.tables.ts";
import { purchasesStoreSuite } from "../../suites/purchases/purchases-store.suite.ts";
import { freshDynamoDbStores, JAVA_MISSING } from "../../support/dynamodb-local.ts";

const endpoint = inject("dynamodbEndpoint");

describe.skipIf(!endpoint)(endpoint ? "Purchases Service on DynamoDB Local" : JAVA_MISSING, () => {
  purchasesStoreSuite("DynamoDB Local", freshDynamoDbStores(endpoint, purchasesTables));
});
