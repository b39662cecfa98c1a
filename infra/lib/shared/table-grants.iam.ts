/**
 * DynamoDB grants with exactly the actions `DynamoDbTableStore` issues (get, batch get, query, put, update,
 * delete, and TransactWriteItems, which IAM checks as the put / update / delete / condition check of each
 * item), on the table and on each of its named indexes: no Scan, no BatchWrite, no `index/*`.
 * By ARN, so a grant works on a table in another stack or region without a reference to it.
 */
import { ArnFormat, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import { physicalTableName, type TableSpec } from "../../../src/platform/store/table-spec.ts";

const READ = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"];
const WRITE = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:ConditionCheckItem",
];

export type TableAccess = "read" | "readWrite";

export interface TableGrant {
  readonly spec: TableSpec;
  readonly access: TableAccess;
  /** The table's region when it is not the stack's (the legacy tables). */
  readonly region?: string;
}

export function grantTables(scope: Construct, role: iam.IRole, stage: string, grants: TableGrant[]): void {
  const stack = Stack.of(scope);
  for (const { spec, access, region } of grants) {
    const tableArn = stack.formatArn({
      service: "dynamodb",
      ...(region ? { region } : {}),
      resource: "table",
      resourceName: physicalTableName(stage, spec),
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: access === "read" ? READ : [...READ, ...WRITE],
        resources: [tableArn],
      }),
    );
    const indexes = Object.keys(spec.indexes ?? {});
    if (indexes.length > 0) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ["dynamodb:Query"],
          resources: indexes.map((index) => `${tableArn}/index/${index}`),
        }),
      );
    }
  }
}
