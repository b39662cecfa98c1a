/**
 * A DynamoDB table exactly as the code declares it (`TableSpec`, src/platform/store/table-spec.ts): the
 * same keys, GSIs (ALL projection: the repositories read whole items from them), TTL attribute and change
 * feed, so the deployed table cannot drift from what the store and its contract tests assume.
 */
import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import {
  type KeyAttribute,
  physicalTableName,
  type TableSpec,
} from "../../../src/platform/store/table-spec.ts";

export interface TableFromSpecProps {
  readonly stage: string;
  readonly spec: TableSpec;
  /** Production tables refuse deletion through the API as well as through CloudFormation. */
  readonly deletionProtection: boolean;
}

export class TableFromSpec extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: TableFromSpecProps) {
    super(scope, id);
    const { spec } = props;
    this.table = new dynamodb.Table(this, "Table", {
      tableName: physicalTableName(props.stage, spec),
      partitionKey: attribute(spec.partitionKey),
      ...(spec.sortKey ? { sortKey: attribute(spec.sortKey) } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      ...(spec.ttlAttribute ? { timeToLiveAttribute: spec.ttlAttribute } : {}),
      ...(spec.stream ? { stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES } : {}),
      // Encrypted at rest with an AWS owned key (the default): no KMS calls, no key grants.
      deletionProtection: props.deletionProtection,
      // Data outlives the stack: deleting the stack leaves the table (seed 000's tables are long-lived).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [indexName, index] of Object.entries(spec.indexes ?? {})) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return {
    name: key.name,
    type: key.type === "S" ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
  };
}
