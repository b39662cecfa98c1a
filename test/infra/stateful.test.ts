import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { lambdaNamed, resourcesOf, type SynthesizedStage, synthStages } from "./support/synth-stages.ts";

let dev: SynthesizedStage;
let prod: SynthesizedStage;

beforeAll(async () => {
  ({ dev, prod } = (await synthStages()).stages as Record<"dev" | "prod", SynthesizedStage>);
});

describe("stateful stack: tables", () => {
  it("builds the users table as its TableSpec declares it: keys, GSI1 and GSI2, change feed, TTL, PITR, retained", () => {
    dev.templates.stateful.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({
        TableName: "dev-user-service-users",
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: [
          { AttributeName: "PK", KeyType: "HASH" },
          { AttributeName: "SK", KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: "GSI1",
            KeySchema: [
              { AttributeName: "GSI1PK", KeyType: "HASH" },
              { AttributeName: "GSI1SK", KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          },
          {
            IndexName: "GSI2",
            KeySchema: [
              { AttributeName: "GSI2PK", KeyType: "HASH" },
              { AttributeName: "GSI2SK", KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          },
        ],
        StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
        TimeToLiveSpecification: { AttributeName: "expires_at", Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  it("keeps the workers' idempotency records in their own table, expiring on `expiration`", () => {
    dev.templates.stateful.hasResourceProperties("AWS::DynamoDB::Table", {
      TableName: "dev-user-service-idempotency",
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      TimeToLiveSpecification: { AttributeName: "expiration", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it("protects production tables from deletion, not dev ones", () => {
    prod.templates.stateful.hasResourceProperties("AWS::DynamoDB::Table", {
      TableName: "prod-user-service-users",
      DeletionProtectionEnabled: true,
    });
    dev.templates.stateful.hasResourceProperties("AWS::DynamoDB::Table", {
      TableName: "dev-user-service-users",
      DeletionProtectionEnabled: false,
    });
  });

  it("puts the legacy tables in their own stack in the legacy region, with phone_number-index", () => {
    expect(dev.legacyTables.region).toBe("us-east-1");
    expect(dev.stateful.region).toBe("us-east-2");
    const legacy = dev.templates.legacyTables;
    legacy.resourceCountIs("AWS::DynamoDB::Table", 2);
    legacy.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        TableName: "dev-user-phone-numbers",
        KeySchema: [{ AttributeName: "user_id", KeyType: "HASH" }],
        GlobalSecondaryIndexes: [
          {
            IndexName: "phone_number-index",
            KeySchema: [{ AttributeName: "phone_number", KeyType: "HASH" }],
            Projection: { ProjectionType: "ALL" },
          },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
    legacy.hasResourceProperties("AWS::DynamoDB::Table", {
      TableName: "dev-user-balance-settings",
      KeySchema: [{ AttributeName: "user_id", KeyType: "HASH" }],
    });
  });
});

describe("stateful stack: streams, queue and bus", () => {
  it("creates the users stream and, where the stage owns them, payments and subscriptions (in their producers' stacks)", () => {
    const streams = (template: Template) =>
      Object.values(resourcesOf(template, "AWS::Kinesis::Stream")).map((stream) => stream.Properties.Name);
    const producers = {
      "dev-user-service-stateful": ["dev-user-service-users"],
      "dev-payment-service-stateful": ["dev-payments"],
      "dev-subscription-service-stateful": ["dev-subscriptions"],
    };
    for (const [stack, names] of Object.entries(producers)) {
      const template = dev.templatesByName[stack]!;
      expect(streams(template), stack).toEqual(names);
      template.hasResource("AWS::Kinesis::Stream", {
        DeletionPolicy: "Retain",
        Properties: Match.objectLike({
          StreamEncryption: { EncryptionType: "KMS", KeyId: "alias/aws/kinesis" },
          StreamModeDetails: { StreamMode: "ON_DEMAND" },
          RetentionPeriodHours: 48,
        }),
      });
    }
  });

  it("imports payments and subscriptions by ARN when another stage or service owns them", async () => {
    const IMPORTED_PAYMENTS_API = {
      url: "https://pay222.execute-api.us-east-2.amazonaws.com/prod",
      executeApiArn: "arn:aws:execute-api:us-east-2:222222222222:pay222/prod",
    };
    const streams = {
      paymentsArn: "arn:aws:kinesis:us-east-2:222222222222:stream/prod-payments",
      subscriptionsArn: "arn:aws:kinesis:us-east-2:222222222222:stream/prod-subscriptions",
    };
    const apis = {
      payments: IMPORTED_PAYMENTS_API,
      subscriptions: {
        url: "https://sub222.execute-api.us-east-2.amazonaws.com/prod",
        executeApiArn: "arn:aws:execute-api:us-east-2:222222222222:sub222/prod",
      },
    };
    const qa = (await synthStages({ stages: { qa: { streams, apis } }, stage: "qa" })).stages.qa!;
    expect(qa.stacks.map((stack) => stack.stackName)).toEqual([
      "qa-user-service-legacy-tables",
      "qa-user-service-stateful",
      "qa-user-service-stateless",
      "qa-purchase-service-stateful",
      "qa-purchase-service-stateless",
      // The console calls the imported APIs by their URLs, as the owned ones.
      "qa-console-stateful",
      "qa-console-stateless",
    ]);
    const names = Object.values(resourcesOf(qa.templates.stateful, "AWS::Kinesis::Stream")).map(
      (stream) => stream.Properties.Name,
    );
    expect(names).toEqual(["qa-user-service-users"]);
    expect(qa.stateful.resolve(qa.stateful.paymentsStream.streamArn)).toBe(streams.paymentsArn);
    expect(qa.stateful.resolve(qa.stateful.subscriptionsStream.streamArn)).toBe(streams.subscriptionsArn);
  });

  it("dead-letters a cleanup message after 5 receives, with a visibility timeout six times the worker's", () => {
    const template = dev.templates.stateful;
    const [dlqId] = Object.entries(resourcesOf(template, "AWS::SQS::Queue")).find(
      ([, queue]) => queue.Properties.QueueName === "dev-user-service-cleanup-dlq",
    )!;
    template.hasResource("AWS::SQS::Queue", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        QueueName: "dev-user-service-cleanup",
        RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [dlqId, "Arn"] }, maxReceiveCount: 5 },
        SqsManagedSseEnabled: true,
      }),
    });
    const queue = Object.values(resourcesOf(template, "AWS::SQS::Queue")).find(
      (q) => q.Properties.QueueName === "dev-user-service-cleanup",
    )!;
    const [, cleanup] = lambdaNamed(dev.templates.stateless, "dev-user-service-cleanup");
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
      6 * (cleanup.Properties.Timeout as number),
    );
  });

  it("creates the bus user-service.api (seed 000)", () => {
    dev.templates.stateful.hasResourceProperties("AWS::Events::EventBus", { Name: "user-service.api" });
  });
});

describe("stateful stack: PostgreSQL", () => {
  it("runs an encrypted PostgreSQL instance in isolated subnets with generated credentials in Secrets Manager, both retained", () => {
    dev.templates.stateful.hasResource("AWS::RDS::DBInstance", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        Engine: "postgres",
        DBInstanceIdentifier: "dev-user-service-usermodel",
        DBName: "usermodel",
        StorageEncrypted: true,
        PubliclyAccessible: false,
        MultiAZ: false,
      }),
    });
    dev.templates.stateful.hasResource("AWS::SecretsManager::Secret", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        Name: "dev/user-service/database",
        GenerateSecretString: Match.objectLike({ GenerateStringKey: "password" }),
      }),
    });
  });

  it("puts RDS Proxy in front of it, TLS only, with the instance's secret", () => {
    dev.templates.stateful.hasResourceProperties("AWS::RDS::DBProxy", {
      DBProxyName: "dev-user-service-usermodel",
      EngineFamily: "POSTGRESQL",
      RequireTLS: true,
      Auth: [Match.objectLike({ AuthScheme: "SECRETS", IAMAuth: "DISABLED" })],
    });
  });

  it("adds a read replica and Multi-AZ in production only", () => {
    dev.templates.stateful.resourceCountIs("AWS::RDS::DBInstance", 1);
    prod.templates.stateful.resourceCountIs("AWS::RDS::DBInstance", 2);
    prod.templates.stateful.hasResourceProperties("AWS::RDS::DBInstance", {
      DBInstanceIdentifier: "prod-user-service-usermodel",
      MultiAZ: true,
      DeletionProtection: true,
    });
    prod.templates.stateful.hasResourceProperties("AWS::RDS::DBInstance", {
      DBInstanceIdentifier: "prod-user-service-usermodel-replica",
      SourceDBInstanceIdentifier: Match.anyValue(),
    });
  });

  it("gives the VPC a DynamoDB gateway endpoint and NAT (one in dev, one per zone in production)", () => {
    dev.templates.stateful.hasResourceProperties("AWS::EC2::VPCEndpoint", {
      VpcEndpointType: "Gateway",
      ServiceName: Match.objectLike({ "Fn::Join": Match.arrayWith([Match.arrayWith([".dynamodb"])]) }),
    });
    dev.templates.stateful.resourceCountIs("AWS::EC2::NatGateway", 1);
    prod.templates.stateful.resourceCountIs("AWS::EC2::NatGateway", 2);
    dev.templates.stateful.resourceCountIs("AWS::EC2::FlowLog", 1);
  });
});
