import { describe, inject } from "vitest";
import { userServiceTables } from "../../src/users/adapters/dynamodb/users.tables.ts";
import { freshDynamoDbStores, JAVA_MISSING } from "../support/dynamodb-local.ts";
import { membershipStoreSuite } from "../support/membership-store.suite.ts";
import { userApiSuite } from "../support/user-api.suite.ts";
import { userMlaSuite } from "../support/user-mla.suite.ts";
import { userPhoneSuite } from "../support/user-phone.suite.ts";
import { userProfileSuite } from "../support/user-profile.suite.ts";

const endpoint = inject("dynamodbEndpoint");

describe.skipIf(!endpoint)(endpoint ? "User Service on DynamoDB Local" : JAVA_MISSING, () => {
  const freshStore = freshDynamoDbStores(endpoint, userServiceTables);
  userApiSuite("DynamoDB Local", freshStore);
  userProfileSuite("DynamoDB Local", freshStore);
  userPhoneSuite("DynamoDB Local", freshStore);
  userMlaSuite("DynamoDB Local", freshStore);
  membershipStoreSuite("DynamoDB Local", freshStore);
});
