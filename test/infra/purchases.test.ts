/**
 * The Purchases service's stacks (issue 14 point 10): its four tables as the code declares them, its
 * FIFO fetch queue and standard queues with their DLQs, the REST API (store pushes public, users' routes
 * Auth0, the rest IAM), the event source mappings, the three schedules, the secrets read by exactly the
 * functions that use them, every function's environment parsed by its entry point's schema, the soft
 * opt-in queue read by the User Service, and alarms on every DLQ and function.
 */
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { purchasesApiConfigSchema } from "../../src/purchases/wiring/config/api.config.ts";
import { purchasesAuthorizerConfigSchema } from "../../src/purchases/wiring/config/auth0-authorizer.config.ts";
import { exportConfigSchema } from "../../src/purchases/wiring/config/export.config.ts";
import { fetchWorkerConfigSchema } from "../../src/purchases/wiring/config/fetch-worker.config.ts";
import { linkChangesConfigSchema } from "../../src/purchases/wiring/config/link-changes.config.ts";
import { replayConfigSchema } from "../../src/purchases/wiring/config/replay.config.ts";
import { revalidationConfigSchema } from "../../src/purchases/wiring/config/revalidation.config.ts";
import { snapshotWorkerConfigSchema } from "../../src/purchases/wiring/config/snapshot-worker.config.ts";
import { subscriptionChangesConfigSchema } from "../../src/purchases/wiring/config/subscription-changes.config.ts";
import { lambdaNamed, resourcesOf, type SynthesizedStage, synthStages } from "./support/synth-stages.ts";

let dev: SynthesizedStage;

beforeAll(async () => {
  dev = (await synthStages({ stage: "dev" })).stages.dev!;
});

type Json = Record<string, unknown>;
const stateful = () => dev.templatesByName["dev-purchase-service-stateful"]!;
const stateless = () => dev.templatesByName["dev-purchase-service-stateless"]!;
const fnName = (name: string) => `dev-purchase-service-${name}`;
const SCHEMAS: Record<string, z.ZodObject> = {
  api: purchasesApiConfigSchema,
  "auth0-authorizer": purchasesAuthorizerConfigSchema,
  "fetch-worker": fetchWorkerConfigSchema,
  "link-changes": linkChangesConfigSchema,
  "subscription-changes": subscriptionChangesConfigSchema,
  "snapshot-worker": snapshotWorkerConfigSchema,
  revalidation: revalidationConfigSchema,
  replay: replayConfigSchema,
  export: exportConfigSchema,
};
const PLATFORM = new Set([
  "NODE_OPTIONS",
  "POWERTOOLS_SERVICE_NAME",
  "POWERTOOLS_LOG_LEVEL",
  "POWERTOOLS_METRICS_NAMESPACE",
]);

function statementsOf(name: string): { Action: string | string[]; Resource: unknown }[] {
  const [, fn] = lambdaNamed(stateless(), fnName(name));
  const roleId = (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0];
  return Object.values(resourcesOf(stateless(), "AWS::IAM::Policy"))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: never[] }).Statement);
}
const actionsOf = (name: string) => statementsOf(name).flatMap((s) => [s.Action].flat());
const logicalId = (template: typeof stateful, type: string, match: (p: Json) => boolean) =>
  Object.entries(resourcesOf(template(), type)).find(([, r]) => match(r.Properties))?.[0];

describe("the Purchases service's stateful stack", () => {
  it("builds the four tables from their specs: TTL, streams, GSIs, PITR, retained", () => {
    const tables = resourcesOf(stateful(), "AWS::DynamoDB::Table");
    const byName = Object.fromEntries(Object.values(tables).map((t) => [t.Properties.TableName, t]));
    expect(Object.keys(byName).sort()).toEqual([
      "dev-purchases-account-tokens",
      "dev-purchases-subscription-events",
      "dev-purchases-subscriptions",
      "dev-purchases-user-subscriptions",
    ]);
    for (const table of Object.values(byName)) {
      expect(table).toMatchObject({
        DeletionPolicy: "Retain",
        Properties: { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
      });
    }
    const index = (name: string) =>
      (byName[name]!.Properties.GlobalSecondaryIndexes as { IndexName: string }[] | undefined)?.map(
        (gsi) => gsi.IndexName,
      );
    expect(byName["dev-purchases-subscriptions"]!.Properties).toMatchObject({
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
      StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
    });
    expect(index("dev-purchases-subscriptions")).toEqual(["expiry-index"]);
    expect(byName["dev-purchases-subscription-events"]!.Properties).toMatchObject({
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
    });
    expect(byName["dev-purchases-subscription-events"]!.Properties.StreamSpecification).toBeUndefined();
    expect(index("dev-purchases-subscription-events")).toEqual(["date-index"]);
    expect(byName["dev-purchases-user-subscriptions"]!.Properties).toMatchObject({
      StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
    });
    expect(index("dev-purchases-user-subscriptions")).toEqual(["subscriptionId-userId"]);
    expect(index("dev-purchases-account-tokens")).toBeUndefined();
  });

  it("makes the fetch queue FIFO without content deduplication, dead-lettered to a FIFO DLQ after 8 receives", () => {
    const dlq = logicalId(stateful, "AWS::SQS::Queue", (p) => p.QueueName === "dev-purchases-fetch-dlq.fifo");
    expect(dlq).toBeDefined();
    stateful().hasResourceProperties("AWS::SQS::Queue", {
      QueueName: "dev-purchases-fetch-dlq.fifo",
      FifoQueue: true,
      SqsManagedSseEnabled: true,
    });
    stateful().hasResourceProperties("AWS::SQS::Queue", {
      QueueName: "dev-purchases-fetch.fifo",
      FifoQueue: true,
      ContentBasedDeduplication: false,
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 360,
      RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [dlq, "Arn"] }, maxReceiveCount: 8 },
    });
  });

  it("gives the soft opt-in and snapshot queues a DLQ each, all encrypted", () => {
    for (const name of ["soft-opt-ins", "snapshots"]) {
      const dlq = logicalId(stateful, "AWS::SQS::Queue", (p) => p.QueueName === `dev-purchases-${name}-dlq`);
      stateful().hasResourceProperties("AWS::SQS::Queue", {
        QueueName: `dev-purchases-${name}`,
        SqsManagedSseEnabled: true,
        RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [dlq, "Arn"] }, maxReceiveCount: 5 },
      });
    }
  });

  it("holds the vendors' secrets (Braze's only with purchases.braze) and an encrypted, private exports bucket", () => {
    const names = Object.values(resourcesOf(stateful(), "AWS::SecretsManager::Secret"))
      .map((secret) => secret.Properties.Name)
      .sort();
    expect(names).toEqual([
      "dev/purchase-service/app-store-key",
      "dev/purchase-service/google-service-account",
    ]);
    stateful().hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.anyValue(),
    });
  });
});

describe("the Purchases service's API", () => {
  const methods = () => Object.values(resourcesOf(stateless(), "AWS::ApiGateway::Method"));
  const pathOf = (resourceId: unknown): string => {
    const resources = resourcesOf(stateless(), "AWS::ApiGateway::Resource");
    const id = (resourceId as { Ref?: string }).Ref;
    if (!id || !resources[id]) return "";
    const parent = resources[id]!.Properties.ParentId;
    return `${pathOf(parent)}/${resources[id]!.Properties.PathPart as string}`;
  };
  const authorization = () =>
    Object.fromEntries(
      methods().map((m) => [
        `${m.Properties.HttpMethod as string} ${pathOf(m.Properties.ResourceId) || "/"}`,
        m.Properties.AuthorizationType,
      ]),
    );

  it("leaves only the stores' push routes open (the app verifies their own credentials)", () => {
    const open = Object.entries(authorization()).filter(([, type]) => type === "NONE");
    expect(open.map(([route]) => route).sort()).toEqual(["POST /apple/pubsub", "POST /google/pubsub"]);
  });

  it("puts the users' routes behind the Auth0 TOKEN authorizer and everything else behind IAM", () => {
    const routes = authorization();
    for (const route of [
      "POST /apple/linkToSubscriptions",
      "POST /google/linkToSubscriptions",
      "GET /user/purchase-token",
      "GET /user/subscriptions/{userId}",
      "GET /user/access/{userId}",
    ]) {
      expect(routes[route], route).toBe("CUSTOM");
    }
    for (const route of [
      "ANY /",
      "ANY /{proxy+}",
      "POST /apple/subscription/status",
      "GET /google/subscription/{subscriptionId}/status",
    ]) {
      expect(routes[route], route).toBe("AWS_IAM");
    }
    const [authorizer] = lambdaNamed(stateless(), fnName("auth0-authorizer"));
    stateless().hasResourceProperties("AWS::ApiGateway::Authorizer", {
      Type: "TOKEN",
      IdentitySource: "method.request.header.Authorization",
    });
    expect(JSON.stringify(resourcesOf(stateless(), "AWS::ApiGateway::Authorizer"))).toContain(authorizer);
  });
});

describe("the Purchases service's functions", () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: nodejs24.x arm64, its environment parsed by the schema its entry point reads`, () => {
      const [, fn] = lambdaNamed(stateless(), fnName(name));
      expect(fn.Properties).toMatchObject({ Runtime: "nodejs24.x", Architectures: ["arm64"] });
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const env: Record<string, string> = { AWS_REGION: "us-east-2" };
      for (const [key, value] of Object.entries(variables)) {
        env[key] =
          typeof value === "string"
            ? value
            : key.endsWith("_SECRET_ARN")
              ? "arn:aws:secretsmanager:us-east-2:111111111111:secret:dev/purchase-service/x-AbCdEf"
              : key.endsWith("_URL") || key === "GOOGLE_PUSH_AUDIENCE"
                ? "https://sqs.us-east-2.amazonaws.com/111111111111/dev-purchases-x"
                : key === "EXPORT_BUCKET"
                  ? "dev-purchase-service-exports"
                  : JSON.stringify(value);
      }
      expect(schema.safeParse(env).error?.issues ?? []).toEqual([]);
      const unknown = Object.keys(variables).filter((key) => !(key in schema.shape) && !PLATFORM.has(key));
      expect(unknown).toEqual([]);
    });
  }

  it("lets only the functions that call a store's API read its key, and Braze's only those that call Braze", () => {
    const readersOf = (secret: string) =>
      Object.keys(SCHEMAS)
        .filter((name) =>
          statementsOf(name).some(
            (s) =>
              [s.Action].flat().includes("secretsmanager:GetSecretValue") &&
              JSON.stringify(s.Resource).includes(secret),
          ),
        )
        .sort();
    expect(readersOf("AppStoreKey")).toEqual(["fetch-worker", "replay"]);
    expect(readersOf("GoogleServiceAccount")).toEqual(["fetch-worker"]);
    // cdk.json's dev stage sets no purchases.braze: no Braze secret, no Braze variables.
    expect(readersOf("BrazeKey")).toEqual([]);
    expect(actionsOf("api")).not.toContain("secretsmanager:GetSecretValue");
  });

  it("grants Scan to the export alone, and sends to each queue only from its producers", () => {
    const scanners = Object.keys(SCHEMAS).filter((name) => actionsOf(name).includes("dynamodb:Scan"));
    expect(scanners).toEqual(["export"]);
    const senders = (queue: string) =>
      Object.keys(SCHEMAS)
        .filter((name) =>
          statementsOf(name).some(
            (s) =>
              [s.Action].flat().includes("sqs:SendMessage") && JSON.stringify(s.Resource).includes(queue),
          ),
        )
        .sort();
    expect(senders("FetchQueue")).toEqual(["api", "replay", "revalidation"]);
    expect(senders("SoftOptIns")).toEqual(["link-changes", "subscription-changes"]);
    expect(senders("Snapshots")).toEqual(["subscription-changes"]);
  });
});

describe("the Purchases service's event sources and schedules", () => {
  const mappings = () => Object.values(resourcesOf(stateless(), "AWS::Lambda::EventSourceMapping"));
  const mappingOf = (name: string) => {
    const [id] = lambdaNamed(stateless(), fnName(name));
    return mappings().find((m) => JSON.stringify(m.Properties.FunctionName).includes(id))!.Properties;
  };

  it("reads the FIFO fetch queue and the snapshots in batches of 10, reporting failed items", () => {
    for (const [name, queue] of [
      ["fetch-worker", "FetchQueue"],
      ["snapshot-worker", "Snapshots"],
    ]) {
      const mapping = mappingOf(name!);
      expect(mapping).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ["ReportBatchItemFailures"] });
      expect(JSON.stringify(mapping.EventSourceArn)).toContain(queue);
    }
  });

  it("reads both change feeds with item failures, bisect, bounded retries and age, and an on-failure queue", () => {
    for (const [name, table] of [
      ["link-changes", "purchasesusersubscriptions"],
      ["subscription-changes", "purchasessubscriptions"],
    ]) {
      const mapping = mappingOf(name!);
      expect(mapping).toMatchObject({
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        MaximumRecordAgeInSeconds: 86_400,
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
      expect(JSON.stringify(mapping.EventSourceArn)).toContain(table);
    }
  });

  it("schedules revalidation, replay and export in UTC, with retries and a dead-letter queue", () => {
    const schedules = Object.values(resourcesOf(stateless(), "AWS::Scheduler::Schedule")).map(
      (s) => s.Properties,
    );
    const byName = Object.fromEntries(schedules.map((s) => [s.Name, s]));
    const expected = {
      "dev-purchase-service-revalidation": "rate(15 minutes)",
      "dev-purchase-service-replay": "cron(30 1 * * ? *)",
      "dev-purchase-service-export": "cron(3 0 * * ? *)",
    };
    expect(Object.keys(byName).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, expression] of Object.entries(expected)) {
      const [fnId] = lambdaNamed(stateless(), name);
      expect(byName[name]).toMatchObject({
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: "Etc/UTC",
        Target: {
          Arn: { "Fn::GetAtt": [fnId, "Arn"] },
          RetryPolicy: { MaximumRetryAttempts: 2 },
          DeadLetterConfig: { Arn: expect.anything() },
        },
      });
    }
  });
});

describe("the soft opt-in queue between the services", () => {
  it("is read by the User Service's soft opt-in worker, by the Purchases stack's export", () => {
    const users = dev.templates.stateless;
    const [id] = lambdaNamed(users, "dev-user-service-soft-opt-ins");
    const mapping = Object.values(resourcesOf(users, "AWS::Lambda::EventSourceMapping")).find((m) =>
      JSON.stringify(m.Properties.FunctionName).includes(id),
    )!.Properties;
    expect(mapping).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ["ReportBatchItemFailures"] });
    expect(JSON.stringify(mapping.EventSourceArn)).toMatch(
      /Fn::ImportValue.*dev-purchase-service-stateful.*SoftOptIns/,
    );
  });
});

describe("the Purchases service's alarms", () => {
  it("watch every DLQ and failure queue and every function's errors", () => {
    const names = Object.values(resourcesOf(stateless(), "AWS::CloudWatch::Alarm")).map(
      (a) => a.Properties.AlarmName,
    );
    for (const queue of [
      "fetch-dlq",
      "soft-opt-ins-dlq",
      "snapshots-dlq",
      "schedules-dlq",
      "link-changes-failures",
      "subscription-changes-failures",
    ]) {
      expect(names).toContain(`dev-purchase-service-${queue}-messages`);
    }
    for (const name of Object.keys(SCHEMAS)) expect(names).toContain(`dev-purchase-service-${name}-errors`);
  });
});

describe("a stage with Braze and its own export bucket", () => {
  it("makes the Braze key's secret, read by the fetch worker and both change feeds only, and exports to the named bucket", async () => {
    const purchases = {
      apps: [
        {
          name: "ios-feast",
          platform: "apple",
          app: "dev.roster.placeholder.feast",
          environments: ["sandbox"],
          productName: "FeastInAppPurchase",
          accountTokens: "braze",
          welcomeCampaign: "feast-welcome",
        },
      ],
      googlePush: { serviceAccount: "push@roster-placeholder.iam.gserviceaccount.com" },
      auth0: {
        issuer: "https://roster-qa.placeholder.invalid/",
        audience: "https://purchases.placeholder.invalid",
      },
      braze: { apiUrl: "https://rest.braze.placeholder.invalid/" },
      exportBucket: "roster-placeholder-data-lake",
    };
    const qa = (await synthStages({ stages: { qa: { purchases } }, stage: "qa" })).stages.qa!;
    const template = qa.templatesByName["qa-purchase-service-stateless"]!;
    const readers = [
      "fetch-worker",
      "link-changes",
      "subscription-changes",
      "api",
      "replay",
      "export",
    ].filter((name) => {
      const [, fn] = lambdaNamed(template, `qa-purchase-service-${name}`);
      const roleId = (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0];
      return Object.values(resourcesOf(template, "AWS::IAM::Policy")).some(
        (policy) =>
          JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`) &&
          JSON.stringify(policy.Properties.PolicyDocument).includes("BrazeKey"),
      );
    });
    expect(readers).toEqual(["fetch-worker", "link-changes", "subscription-changes"]);
    const stateful = qa.templatesByName["qa-purchase-service-stateful"]!;
    expect(Object.keys(resourcesOf(stateful, "AWS::S3::Bucket"))).toEqual([]);
    const [, exporter] = lambdaNamed(template, "qa-purchase-service-export");
    expect(exporter.Properties.Environment).toMatchObject({
      Variables: { EXPORT_BUCKET: "roster-placeholder-data-lake" },
    });
    expect(JSON.stringify(resourcesOf(template, "AWS::IAM::Policy"))).toContain(
      "arn:aws:s3:::roster-placeholder-data-lake/purchases/exports/*",
    );
  });
});
