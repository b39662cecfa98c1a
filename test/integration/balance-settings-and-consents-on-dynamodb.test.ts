import { describe, inject } from "vitest";
import { DynamoDbTableStore } from "../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { ensureTables } from "../../src/platform/adapters/aws/dynamodb-tables.ts";
import type { ManualClock } from "../../src/platform/time/clock.port.ts";
import { userServiceTables } from "../../src/users/adapters/users.tables.ts";
import { balanceSettingsApiSuite } from "../support/balance-settings-api.suite.ts";
import { consentApiSuite } from "../support/consent-api.suite.ts";
import { consentQueriesSuite } from "../support/consent-queries.suite.ts";
import {
  assertTestTarget,
  dynamoDbClientFor,
  dynamoDbDocumentClientFor,
  JAVA_MISSING,
  uniqueTestStage,
} from "../support/dynamodb-local.ts";

const endpoint = inject("dynamodbEndpoint");

async function dynamoDbLocalStore(clock: ManualClock): Promise<DynamoDbTableStore> {
  const stage = uniqueTestStage();
  assertTestTarget(stage);
  await ensureTables(dynamoDbClientFor(endpoint), stage, userServiceTables);
  return new DynamoDbTableStore({ client: dynamoDbDocumentClientFor(endpoint), stage, clock });
}

describe.skipIf(!endpoint)(
  endpoint ? "Balance settings and consents on DynamoDB Local" : JAVA_MISSING,
  () => {
    balanceSettingsApiSuite("DynamoDB Local", dynamoDbLocalStore);
    consentApiSuite("DynamoDB Local", dynamoDbLocalStore);
    consentQueriesSuite("DynamoDB Local", dynamoDbLocalStore);
  },
);
