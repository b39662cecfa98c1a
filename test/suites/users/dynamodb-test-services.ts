/** Test stages on DynamoDB Local: their tables, and the test services on them. */
import { DynamoDbTableStore } from "../../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { ensureTables } from "../../../src/platform/adapters/aws/dynamodb-tables.ts";
import type { TableSpec } from "../../../src/platform/store/table-spec.ts";
import { userServiceTables } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { floatSandboxTable } from "../../../src/users/adapters/sandbox/float-service.sandbox.ts";
import { auth0SandboxTable } from "../../../src/users/adapters/sandbox/identity-accounts.sandbox.ts";
import { transactionsSandboxTable } from "../../../src/users/adapters/sandbox/transactions-service.sandbox.ts";
import { underwritingSandboxTable } from "../../../src/users/adapters/sandbox/underwriting-service.sandbox.ts";
import { buildTestServices, type TestServicesOptions } from "../../../src/users/wiring/test-services.ts";
import {
  assertTestTarget,
  dynamoDbClientFor,
  dynamoDbDocumentClientFor,
} from "../../support/dynamodb-local.ts";

/** The user tables, and the sandboxes' own tables for the API that seeds the members. */
export const userAndSandboxTables: readonly TableSpec[] = [
  ...userServiceTables,
  transactionsSandboxTable,
  floatSandboxTable,
  underwritingSandboxTable,
  auth0SandboxTable,
];

/** Creates `tables` under `stage` on DynamoDB Local, once the stage's name says it is a test target. */
export async function ensureTestTables(
  endpoint: string,
  stage: string,
  tables: readonly TableSpec[],
): Promise<void> {
  assertTestTarget(stage);
  await ensureTables(dynamoDbClientFor(endpoint), stage, tables);
}

/** The test services on `stage` of DynamoDB Local, its user and sandbox tables created first. */
export async function testServicesOnDynamoDb(
  endpoint: string,
  stage: string,
  payments?: TestServicesOptions["payments"],
  subscriptions?: TestServicesOptions["subscriptions"],
) {
  await ensureTestTables(endpoint, stage, userAndSandboxTables);
  return buildTestServices({
    ...(payments ? { payments } : {}),
    ...(subscriptions ? { subscriptions } : {}),
    store: (clock) => new DynamoDbTableStore({ client: dynamoDbDocumentClientFor(endpoint), stage, clock }),
  });
}
