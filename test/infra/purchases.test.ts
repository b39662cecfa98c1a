/**
 * The Purchases service's stacks (issue 14 point 10): its four tables as the code declares them, its
 * FIFO fetch queue and standard queues with their DLQs, the two REST APIs (internal: every route IAM;
 * public: the store pushes open, the users' routes Auth0), the event source mappings, the three
 * schedules, the secrets read by exactly the functions that use them, every function's environment
 * parsed by its entry point's schema, the soft opt-in queue read by the User Service, and alarms on
 * both APIs, every DLQ and every function.
 */
import { CfnOutput, CfnWaitConditionHandle, Stack } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { SERVICES } from "../../infra/lib/services.ts";
import type { RosterService } from "../../infra/lib/shared/roster-service.ts";
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

describe("the Purchases service's two APIs", () => {
  const apiId = (name: string) =>
    Object.entries(resourcesOf(stateless(), "AWS::ApiGateway::RestApi")).find(
      ([, api]) => api.Properties.Name === name,
    )?.[0];
  const pathOf = (resourceId: unknown): string => {
    const resources = resourcesOf(stateless(), "AWS::ApiGateway::Resource");
    const id = (resourceId as { Ref?: string }).Ref;
    if (!id || !resources[id]) return "";
    const parent = resources[id]!.Properties.ParentId;
    return `${pathOf(parent)}/${resources[id]!.Properties.PathPart as string}`;
  };
  /** `METHOD /path` -> the method's authorization type, of the API named `name`. */
  const routesOf = (name: string) =>
    Object.fromEntries(
      Object.values(resourcesOf(stateless(), "AWS::ApiGateway::Method"))
        .filter((m) => JSON.stringify(m.Properties.RestApiId) === JSON.stringify({ Ref: apiId(name) }))
        .map((m) => [
          `${m.Properties.HttpMethod as string} ${pathOf(m.Properties.ResourceId) || "/"}`,
          m.Properties.AuthorizationType,
        ]),
    );
  const USERS = [
    "POST /apple/linkToSubscriptions",
    "POST /google/linkToSubscriptions",
    "GET /user/purchase-token",
    "GET /user/subscriptions/{userId}",
    "GET /user/access/{userId}",
  ];

  it("builds exactly the internal and the public API", () => {
    const names = Object.values(resourcesOf(stateless(), "AWS::ApiGateway::RestApi"))
      .map((api) => api.Properties.Name)
      .sort();
    expect(names).toEqual(["dev-purchase-service-api", "dev-purchase-service-public-api"]);
  });

  it("internal: every route (root and proxy, any method) with IAM authorization", () => {
    expect(routesOf("dev-purchase-service-api")).toEqual({ "ANY /": "AWS_IAM", "ANY /{proxy+}": "AWS_IAM" });
  });

  it("public: only the two store pushes without authorization and the users' routes behind the Auth0 TOKEN authorizer", () => {
    const routes = routesOf("dev-purchase-service-public-api");
    expect(routes).toEqual({
      "POST /apple/pubsub": "NONE",
      "POST /google/pubsub": "NONE",
      ...Object.fromEntries(USERS.map((route) => [route, "CUSTOM"])),
    });
    const [authorizer] = lambdaNamed(stateless(), fnName("auth0-authorizer"));
    const authorizers = Object.entries(resourcesOf(stateless(), "AWS::ApiGateway::Authorizer"));
    expect(authorizers).toHaveLength(1);
    const [authorizerId, { Properties }] = authorizers[0]!;
    expect(Properties).toMatchObject({
      Type: "TOKEN",
      IdentitySource: "method.request.header.Authorization",
      RestApiId: { Ref: apiId("dev-purchase-service-public-api") },
    });
    expect(JSON.stringify(Properties.AuthorizerUri)).toContain(authorizer);
    const custom = Object.values(resourcesOf(stateless(), "AWS::ApiGateway::Method")).filter(
      (m) => m.Properties.AuthorizationType === "CUSTOM",
    );
    expect(custom).toHaveLength(USERS.length);
    for (const method of custom) expect(method.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
  });

  it("logs access as JSON on both stages", () => {
    const stages = Object.values(resourcesOf(stateless(), "AWS::ApiGateway::Stage"));
    expect(stages).toHaveLength(2);
    for (const stage of stages) {
      expect(stage.Properties).toMatchObject({
        StageName: "dev",
        AccessLogSetting: { DestinationArn: expect.anything(), Format: expect.stringContaining("requestId") },
        MethodSettings: [expect.objectContaining({ LoggingLevel: "ERROR", DataTraceEnabled: false })],
      });
    }
  });

  it("outputs both URLs, the stores' push URLs on the public API, and exports the internal API's id", () => {
    const outputs = stateless().findOutputs("*");
    const value = (suffix: string) =>
      JSON.stringify(
        Object.entries(outputs).find(([id]) => new RegExp(`^Apis${suffix}[0-9A-F]{8}$`).test(id))?.[1]?.Value,
      );
    const internal = apiId("dev-purchase-service-api")!;
    const public_ = apiId("dev-purchase-service-public-api")!;
    expect(value("InternalUrl")).toContain(`"${internal}"`);
    expect(value("PublicUrl")).toContain(`"${public_}"`);
    for (const [output, path] of [
      ["ApplePushUrl", "/apple/pubsub"],
      ["GooglePushUrl", "/google/pubsub"],
    ] as const) {
      expect(value(output)).toContain(`"${public_}"`);
      expect(value(output)).toContain(path);
    }
    const idExport = Object.values(outputs).find(
      (output) => output.Export?.Name === "dev-purchase-service-api-id",
    );
    expect(idExport?.Value).toEqual({ Ref: internal });
  });

  it("gives Pub/Sub's audience the public API's push URL", () => {
    const [, fn] = lambdaNamed(stateless(), fnName("api"));
    const audience = JSON.stringify(
      (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.GOOGLE_PUSH_AUDIENCE,
    );
    expect(audience).toContain(apiId("dev-purchase-service-public-api")!);
    expect(audience).toContain("/dev/google/pubsub");
  });

  it("alarms on both APIs' 5xx", () => {
    const names = Object.values(resourcesOf(stateless(), "AWS::CloudWatch::Alarm")).map(
      (a) => a.Properties.AlarmName as string,
    );
    expect(names).toContain("dev-purchase-service-api-5xx");
    expect(names).toContain("dev-purchase-service-public-api-5xx");
  });
});

describe("the internal API in the stage's API registry", () => {
  it("is registered as `purchases`: a caller's grant imports its id, and the caller it admits reaches IAM_PRINCIPALS", async () => {
    const probe: RosterService = {
      name: "probe-service",
      stacks: (app, config, shared) => {
        const stack = new Stack(app, `${config.stage}-probe-service`, {
          env: { account: config.account, region: config.region },
        });
        shared.apis.admit(
          "purchases",
          "probe-service",
          `arn:aws:sts::${config.account}:assumed-role/${config.stage}-probe/`,
          "service:probe-service",
        );
        new CfnWaitConditionHandle(stack, "Nothing");
        new CfnOutput(stack, "Grant", {
          value: shared.apis.executeApiArn("purchases", "probe-service", "GET", "/user/access/*"),
        });
        new CfnOutput(stack, "Url", { value: shared.apis.urlOf("purchases", "probe-service") });
        return [stack];
      },
    };
    const synthesized = (await synthStages({ stage: "dev" }, [...SERVICES, probe])).stages.dev!;
    const outputs = synthesized.templatesByName["dev-probe-service"]!.findOutputs("*");
    expect(JSON.stringify(outputs.Grant!.Value)).toContain(
      '{"Fn::ImportValue":"dev-purchase-service-api-id"}',
    );
    expect(JSON.stringify(outputs.Grant!.Value)).toContain("/dev/GET/user/access/*");
    expect(JSON.stringify(outputs.Url!.Value)).toContain("dev-purchase-service-stateless");
    const [, fn] = lambdaNamed(synthesized.templatesByName["dev-purchase-service-stateless"]!, fnName("api"));
    const variables = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(JSON.parse(variables.IAM_PRINCIPALS!)).toMatchObject({
      "arn:aws:sts::111111111111:assumed-role/dev-probe/": "service:probe-service",
    });
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
