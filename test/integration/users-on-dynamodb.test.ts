import { describe, inject } from "vitest";
import { DynamoDbTableStore } from "../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { ensureTables } from "../../src/platform/adapters/aws/dynamodb-tables.ts";
import type { Clock } from "../../src/platform/time/clock.port.ts";
import { userServiceTables } from "../../src/users/adapters/users.tables.ts";
import {
  assertTestTarget,
  dynamoDbClientFor,
  dynamoDbDocumentClientFor,
  JAVA_MISSING,
  uniqueTestStage,
} from "../support/dynamodb-local.ts";
import { membershipStoreSuite } from "../support/membership-store.suite.ts";
import { userApiSuite } from "../support/user-api.suite.ts";
import { userMlaSuite } from "../support/user-mla.suite.ts";
import { userPhoneSuite } from "../support/user-phone.suite.ts";
import { userProfileSuite } from "../support/user-profile.suite.ts";

const endpoint = inject("dynamodbEndpoint");

describe.skipIf(!endpoint)(endpoint ? "User Service on DynamoDB Local" : JAVA_MISSING, () => {
  const freshStore = async (clock: Clock) => {
    const stage = uniqueTestStage();
    assertTestTarget(stage);
    await ensureTables(dynamoDbClientFor(endpoint), stage, userServiceTables);
    return new DynamoDbTableStore({ client: dynamoDbDocumentClientFor(endpoint), stage, clock });
  };
  userApiSuite("DynamoDB Local", freshStore);
  userProfileSuite("DynamoDB Local", freshStore);
  userPhoneSuite("DynamoDB Local", freshStore);
  userMlaSuite("DynamoDB Local", freshStore);
  membershipStoreSuite("DynamoDB Local", freshStore);
});
