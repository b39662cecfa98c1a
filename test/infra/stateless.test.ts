import { beforeAll, describe, expect, it } from "vitest";
import { CLEANUP_MAX_RECEIVES } from "../../infra/lib/users/users.limits.ts";
import {
  FUNCTIONS,
  lambdaNamed,
  resourcesOf,
  type SynthesizedStage,
  synthStages,
} from "./support/synth-stages.ts";

let dev: SynthesizedStage;

beforeAll(async () => {
  dev = (await synthStages({ stage: "dev" })).stages.dev!;
});

describe("stateless stack: functions", () => {
  it("builds one nodejs24.x arm64 function per entry point, from the bundle, with source maps on", () => {
    for (const name of FUNCTIONS) {
      const [, fn] = lambdaNamed(dev.templates.stateless, `dev-user-service-${name}`);
      expect(fn.Properties).toMatchObject({
        Runtime: "nodejs24.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
        Code: { S3Key: expect.stringMatching(/^[0-9a-f]{64}\.zip$/) },
        Environment: {
          Variables: expect.objectContaining({
            STAGE: "dev",
            NODE_OPTIONS: "--enable-source-maps",
            POWERTOOLS_SERVICE_NAME: "user-service",
            POWERTOOLS_LOG_LEVEL: "INFO",
            POWERTOOLS_METRICS_NAMESPACE: "Roster",
          }),
        },
      });
    }
  });

  it("runs the functions that reach PostgreSQL in the VPC, and only those", () => {
    const inVpc = FUNCTIONS.filter(
      (name) => lambdaNamed(dev.templates.stateless, `dev-user-service-${name}`)[1].Properties.VpcConfig,
    );
    expect(inVpc.sort()).toEqual(["api", "migrate", "usermodel-projector"]);
  });

  it("passes vendor secrets as dynamic references, never as values", () => {
    const [, api] = lambdaNamed(dev.templates.stateless, "dev-user-service-api");
    const env = (api.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    for (const key of [
      "EXPERIAN_CLIENT_SECRET",
      "EXPERIAN_PASSWORD",
      "AUTH0_MANAGEMENT_CLIENT_SECRET",
      "ROSTER_CURSOR_KEY",
    ]) {
      expect(env[key]).toBe(`{{resolve:secretsmanager:dev/user-service/vendors:SecretString:${key}::}}`);
    }
    expect(env.DATABASE_SECRET_ARN).toMatchObject({ "Fn::ImportValue": expect.any(String) });
    expect(env).not.toHaveProperty("DATABASE_URL");
  });

  it("runs the usermodel migrations once per deployment that changes them, through a trigger", () => {
    const [, version] = Object.entries(resourcesOf(dev.templates.stateless, "AWS::Lambda::Version"))[0]!;
    const [migrateId] = lambdaNamed(dev.templates.stateless, "dev-user-service-migrate");
    expect(version.Properties.FunctionName).toEqual({ Ref: migrateId });
    dev.templates.stateless.hasResourceProperties("Custom::Trigger", {
      InvocationType: "RequestResponse",
      ExecuteOnHandlerChange: true,
    });
  });
});

describe("stateless stack: event source mappings", () => {
  const mappingOf = (functionName: string) => {
    const [id] = lambdaNamed(dev.templates.stateless, `dev-user-service-${functionName}`);
    const found = Object.values(
      resourcesOf(dev.templates.stateless, "AWS::Lambda::EventSourceMapping"),
    ).filter((mapping) => JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify({ Ref: id }));
    expect(found).toHaveLength(1);
    return found[0]!.Properties!;
  };
  const onFailureQueue = {
    DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [expect.any(String), "Arn"] } } },
  };

  it("payment worker: batch 100, batch item failures, bisect, 5 retries, a day of record age, on-failure queue", () => {
    expect(mappingOf("payment-worker")).toMatchObject({
      BatchSize: 100,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 86_400,
      StartingPosition: "TRIM_HORIZON",
      EventSourceArn: { "Fn::ImportValue": expect.stringContaining("PaymentsStream") },
      ...onFailureQueue,
    });
  });

  it("subscriptions worker: whole-batch failures, so bisect and no batch item failures", () => {
    const mapping = mappingOf("subscriptions");
    expect(mapping).toMatchObject({
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      ...onFailureQueue,
    });
    expect(mapping).not.toHaveProperty("FunctionResponseTypes");
  });

  it("kinesis feeder: the users table's stream, no item failures, bisect, bounded retries, on-failure queue", () => {
    const mapping = mappingOf("kinesis-feeder");
    expect(mapping).toMatchObject({
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      EventSourceArn: { "Fn::ImportValue": expect.stringContaining("StreamArn") },
      ...onFailureQueue,
    });
    expect(mapping).not.toHaveProperty("FunctionResponseTypes");
  });

  it("usermodel projector: the users table's stream with batch item failures and bisect", () => {
    expect(mappingOf("usermodel-projector")).toMatchObject({
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      EventSourceArn: { "Fn::ImportValue": expect.stringContaining("StreamArn") },
      ...onFailureQueue,
    });
  });

  it(`cleanup worker: SQS batch 10 with batch item failures (the queue dead-letters after ${CLEANUP_MAX_RECEIVES})`, () => {
    expect(mappingOf("cleanup")).toMatchObject({
      BatchSize: 10,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      EventSourceArn: { "Fn::ImportValue": expect.stringContaining("CleanupQueue") },
    });
  });
});
