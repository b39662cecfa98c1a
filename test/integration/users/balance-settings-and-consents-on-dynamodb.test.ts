import { describe, inject } from "vitest";
import { userServiceTables } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { balanceSettingsApiSuite } from "../../suites/users/balance-settings-api.suite.ts";
import { consentApiSuite } from "../../suites/users/consent-api.suite.ts";
import { consentQueriesSuite } from "../../suites/users/consent-queries.suite.ts";
import { freshDynamoDbStores, JAVA_MISSING } from "../../support/dynamodb-local.ts";

const endpoint = inject("dynamodbEndpoint");

const dynamoDbLocalStore = freshDynamoDbStores(endpoint, userServiceTables);

describe.skipIf(!endpoint)(
  endpoint ? "Balance settings and consents on DynamoDB Local" : JAVA_MISSING,
  () => {
    balanceSettingsApiSuite("DynamoDB Local", dynamoDbLocalStore);
    consentApiSuite("DynamoDB Local", dynamoDbLocalStore);
    consentQueriesSuite("DynamoDB Local", dynamoDbLocalStore);
  },
);
