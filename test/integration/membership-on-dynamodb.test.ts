import { describe, inject } from "vitest";
import { DynamoDbTableStore } from "../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { ensureTables } from "../../src/platform/adapters/aws/dynamodb-tables.ts";
import type { Clock } from "../../src/platform/time/clock.port.ts";
import { floatSandboxTable } from "../../src/users/adapters/float-service.sandbox.ts";
import { auth0SandboxTable } from "../../src/users/adapters/identity-accounts.sandbox.ts";
import { paymentSandboxTable } from "../../src/users/adapters/payment-service.sandbox.ts";
import { subscriptionSandboxTable } from "../../src/users/adapters/subscription-service.sandbox.ts";
import { transactionsSandboxTable } from "../../src/users/adapters/transactions-service.sandbox.ts";
import { underwritingSandboxTable } from "../../src/users/adapters/underwriting-service.sandbox.ts";
import { userServiceTables } from "../../src/users/adapters/users.tables.ts";
import {
  assertTestTarget,
  dynamoDbClientFor,
  dynamoDbDocumentClientFor,
  JAVA_MISSING,
  uniqueTestStage,
} from "../support/dynamodb-local.ts";
import { membershipBillingSuite } from "../support/membership-billing.suite.ts";
import { membershipStatusSuite } from "../support/membership-status.suite.ts";

const endpoint = inject("dynamodbEndpoint");

/** The membership lifecycle on DynamoDB: the user tables and the sandboxes' own tables on one store. */
const tables = [
  ...userServiceTables,
  transactionsSandboxTable,
  subscriptionSandboxTable,
  paymentSandboxTable,
  floatSandboxTable,
  underwritingSandboxTable,
  auth0SandboxTable,
];

describe.skipIf(!endpoint)(endpoint ? "Membership lifecycle on DynamoDB Local" : JAVA_MISSING, () => {
  const freshStore = async (clock: Clock) => {
    const stage = uniqueTestStage();
    assertTestTarget(stage);
    await ensureTables(dynamoDbClientFor(endpoint), stage, tables);
    return new DynamoDbTableStore({ client: dynamoDbDocumentClientFor(endpoint), stage, clock });
  };
  membershipBillingSuite("DynamoDB Local", freshStore);
  membershipStatusSuite("DynamoDB Local", freshStore);
});
