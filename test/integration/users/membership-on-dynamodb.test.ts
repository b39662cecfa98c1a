import { describe, inject } from "vitest";
import { userServiceTables } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { floatSandboxTable } from "../../../src/users/adapters/sandbox/float-service.sandbox.ts";
import { auth0SandboxTable } from "../../../src/users/adapters/sandbox/identity-accounts.sandbox.ts";
import { transactionsSandboxTable } from "../../../src/users/adapters/sandbox/transactions-service.sandbox.ts";
import { underwritingSandboxTable } from "../../../src/users/adapters/sandbox/underwriting-service.sandbox.ts";
import { membershipBillingSuite } from "../../suites/users/membership-billing.suite.ts";
import { membershipStatusSuite } from "../../suites/users/membership-status.suite.ts";
import { freshDynamoDbStores, JAVA_MISSING } from "../../support/dynamodb-local.ts";

const endpoint = inject("dynamodbEndpoint");

/** The membership lifecycle on DynamoDB: the user tables and the sandboxes' own tables on one store. */
const tables = [
  ...userServiceTables,
  transactionsSandboxTable,
  floatSandboxTable,
  underwritingSandboxTable,
  auth0SandboxTable,
];

describe.skipIf(!endpoint)(endpoint ? "Membership lifecycle on DynamoDB Local" : JAVA_MISSING, () => {
  const freshStore = freshDynamoDbStores(endpoint, tables);
  membershipBillingSuite("DynamoDB Local", freshStore);
  membershipStatusSuite("DynamoDB Local", freshStore);
});
