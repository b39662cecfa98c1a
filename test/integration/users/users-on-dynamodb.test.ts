import { describe, inject } from "vitest";
import { userServiceTables } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { membershipStoreSuite } from "../../suites/users/membership-store.suite.ts";
import { pageCursorsSuite } from "../../suites/users/page-cursors.suite.ts";
import { userApiSuite } from "../../suites/users/user-api.suite.ts";
import { userEmailSuite } from "../../suites/users/user-email.suite.ts";
import { userMlaSuite } from "../../suites/users/user-mla.suite.ts";
import { userPhoneSuite } from "../../suites/users/user-phone.suite.ts";
import { userProfileSuite } from "../../suites/users/user-profile.suite.ts";
import { freshDynamoDbStores, JAVA_MISSING } from "../../support/dynamodb-local.ts";

const endpoint = inject("dynamodbEndpoint");

describe.skipIf(!endpoint)(endpoint ? "User Service on DynamoDB Local" : JAVA_MISSING, () => {
  const freshStore = freshDynamoDbStores(endpoint, userServiceTables);
  userApiSuite("DynamoDB Local", freshStore);
  userProfileSuite("DynamoDB Local", freshStore);
  userPhoneSuite("DynamoDB Local", freshStore);
  userEmailSuite("DynamoDB Local", freshStore);
  userMlaSuite("DynamoDB Local", freshStore);
  membershipStoreSuite("DynamoDB Local", freshStore);
  pageCursorsSuite("DynamoDB Local", freshStore);
});
