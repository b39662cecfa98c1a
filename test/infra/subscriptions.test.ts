/**
 * The Subscription Service's stacks (issue 13 point 12): its stream, bus, database and documents bucket;
 * its five stateless functions and the billing stack's billing run on nodejs24.x arm64, their
 * environments parsed by the schemas their entry points read, the REST API (IAM on every route), the two
 * schedules, the two stream workers, least-privilege roles, the alarms; the Payment and User Services
 * admitting its billing run; the User Service's API calling it, from the API registry or from a stage's
 * `apis.subscriptions`; and the stage's stacks deploying in an order (no dependency cycle).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { RECOVERY_WINDOW_METRIC as ALARMED_METRIC } from "../../infra/lib/subscriptions/billing.stack.ts";
import {
  primaryDatabaseConfigSchema,
  requireOneDatabaseSource,
} from "../../src/platform/config/database.config.ts";
import {
  subscriptionsAwsConfigSchema,
  subscriptionsDatabaseConfigSchema,
} from "../../src/subscriptions/wiring/config/api.config.ts";
import { billingRunConfigSchema } from "../../src/subscriptions/wiring/config/billing-run.config.ts";
import { subscriptionsRelayConfigSchema } from "../../src/subscriptions/wiring/config/outbox-relay.config.ts";
import { RECOVERY_WINDOW_METRIC } from "../../src/subscriptions/workers/billing-run.worker.ts";
import { consoleOperatorPrincipals } from "./support/console-operators.ts";
import { lambdaNamed, resourcesOf, type SynthesizedStage, synthStages } from "./support/synth-stages.ts";

let dev: SynthesizedStage;
let imported: SynthesizedStage;
const IMPORTED = {
  streamArn: "arn:aws:kinesis:us-east-2:222222222222:stream/qa-subscriptions",
  api: {
    url: "https://sub222.execute-api.us-east-2.amazonaws.com/qa",
    executeApiArn: "arn:aws:execute-api:us-east-2:222222222222:sub222/qa",
  },
};

beforeAll(async () => {
  dev = (await synthStages({ stage: "dev" })).stages.dev!;
  const streams = { subscriptionsArn: IMPORTED.streamArn };
  const stages = { qa: { streams, apis: { subscriptions: IMPORTED.api } } };
  imported = (await synthStages({ stages, stage: "qa" })).stages.qa!;
});

const stateful = () => dev.templatesByName["dev-subscription-service-stateful"]!;
const stateless = () => dev.templatesByName["dev-subscription-service-stateless"]!;
const billing = () => dev.templatesByName["dev-subscription-service-billing"]!;
const payments = () => dev.templatesByName["dev-payment-service-stateless"]!;
type Json = Record<string, unknown>;
const variablesOf = (fn: { Properties: Json }) =>
  (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const fnName = (name: string) => `dev-subscription-service-${name}`;

const templateOf = (functionName: string) =>
  functionName === fnName("billing-run") ? billing() : stateless();
function statementsOf(functionName: string): { Action: string | string[]; Resource: unknown }[] {
  const template = templateOf(functionName);
  const [, fn] = lambdaNamed(template, functionName);
  const roleId = (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0];
  return Object.values(resourcesOf(template, "AWS::IAM::Policy"))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: never[] }).Statement);
}
const actionsOf = (name: string) =>
  statementsOf(fnName(name))
    .flatMap((s) => [s.Action].flat())
    .sort();

describe("the Subscription Service's stateful stack", () => {
  it("holds the subscriptions stream, its bus and its own PostgreSQL 17 database behind RDS Proxy, retained", () => {
    stateful().hasResourceProperties("AWS::Kinesis::Stream", { Name: "dev-subscriptions" });
    stateful().hasResourceProperties("AWS::Events::EventBus", { Name: "dev-subscription-service-events" });
    stateful().hasResource("AWS::RDS::DBInstance", {
      DeletionPolicy: "Retain",
      Properties: {
        DBInstanceIdentifier: "dev-subscription-service-subscriptions",
        DBName: "subscriptions",
        Engine: "postgres",
        EngineVersion: "17",
        StorageEncrypted: true,
        PubliclyAccessible: false,
      },
    });
    stateful().hasResourceProperties("AWS::RDS::DBProxy", { RequireTLS: true });
  });

  it("keeps receipts and plan snapshots in a versioned, encrypted bucket that admits no public access and only TLS", () => {
    stateful().hasResource("AWS::S3::Bucket", {
      DeletionPolicy: "Retain",
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: "Enabled" },
      },
    });
    const policy = JSON.stringify(resourcesOf(stateful(), "AWS::S3::BucketPolicy"));
    expect(policy).toContain('"aws:SecureTransport":"false"');
    expect(policy).toContain('"Effect":"Deny"');
  });

  it("holds the members' notices in an encrypted, TLS-only queue whose unread notices go to a dead-letter queue", () => {
    const queues = Object.values(resourcesOf(stateful(), "AWS::SQS::Queue"));
    const named = (name: string) => queues.find((q) => q.Properties.QueueName === name);
    expect(named("dev-subscription-notifications")).toMatchObject({
      DeletionPolicy: "Retain",
      Properties: {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 4 * 24 * 3600,
        RedrivePolicy: { maxReceiveCount: 5 },
      },
    });
    expect(named("dev-subscription-notifications-dlq")).toMatchObject({
      Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 },
    });
    const policies = JSON.stringify(resourcesOf(stateful(), "AWS::SQS::QueuePolicy"));
    expect(policies).toContain('"aws:SecureTransport":"false"');
  });
});

describe("the Subscription Service's stateless stack", () => {
  it("runs its five functions and the billing stack's billing run on nodejs24.x arm64 in its VPC, the billing run and the relay one at a time", () => {
    const named = (template: ReturnType<typeof stateless>) =>
      Object.values(resourcesOf(template, "AWS::Lambda::Function")).filter((fn) =>
        String(fn.Properties.FunctionName ?? "").startsWith("dev-subscription-service-"),
      );
    const functions = named(stateless());
    expect(functions.map((fn) => fn.Properties.FunctionName).sort()).toEqual(
      ["api", "migrate", "outbox-relay", "payments-worker", "users-worker"].map(fnName),
    );
    expect(named(billing()).map((fn) => fn.Properties.FunctionName)).toEqual([fnName("billing-run")]);
    for (const fn of [...functions, ...named(billing())]) {
      expect(fn.Properties).toMatchObject({ Runtime: "nodejs24.x", Architectures: ["arm64"] });
      expect(fn.Properties.VpcConfig).toBeDefined();
    }
    for (const name of ["billing-run", "outbox-relay"]) {
      expect(
        lambdaNamed(templateOf(fnName(name)), fnName(name))[1].Properties.ReservedConcurrentExecutions,
      ).toBe(1);
    }
    expect(lambdaNamed(billing(), fnName("billing-run"))[1].Properties.Timeout).toBe(240);
  });

  it("authorizes every method of its API with IAM", () => {
    const methods = Object.values(resourcesOf(stateless(), "AWS::ApiGateway::Method"));
    expect(methods.length).toBeGreaterThanOrEqual(2);
    expect(methods.map((m) => m.Properties.AuthorizationType)).toEqual(methods.map(() => "AWS_IAM"));
    stateless().hasResourceProperties("AWS::ApiGateway::RestApi", { Name: "dev-subscription-service-api" });
  });

  it("starts the billing run every 5 minutes and the relay every minute, a failed run dead-lettered, not retried", () => {
    for (const [name, rate] of [
      ["billing-run", "rate(5 minutes)"],
      ["outbox-relay", "rate(1 minute)"],
    ] as const) {
      const template = templateOf(fnName(name));
      const [id] = lambdaNamed(template, fnName(name));
      template.hasResourceProperties("AWS::Scheduler::Schedule", {
        Name: fnName(name),
        ScheduleExpression: rate,
        Target: {
          Arn: { "Fn::GetAtt": [id, "Arn"] },
          RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
        },
      });
    }
  });

  it.each([
    ["payments-worker", "dev-payment-service-stateful"],
    ["users-worker", "dev-user-service-stateful"],
  ])(
    "maps %s on its stream: bisect, bounded retries, batch item failures, an on-failure queue",
    (name, producer) => {
      const [id] = lambdaNamed(stateless(), fnName(name));
      const mappings = Object.values(resourcesOf(stateless(), "AWS::Lambda::EventSourceMapping")).filter(
        (m) => JSON.stringify(m.Properties.FunctionName).includes(id),
      );
      expect(mappings).toHaveLength(1);
      const mapping = mappings[0]!.Properties;
      expect(mapping).toMatchObject({
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 5,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        StartingPosition: "TRIM_HORIZON",
      });
      expect(JSON.stringify(mapping.EventSourceArn)).toContain(producer);
      expect(JSON.stringify(mapping.DestinationConfig)).toContain("Failures");
      stateless().hasResourceProperties("AWS::SQS::Queue", { QueueName: fnName(`${name}-failures`) });
    },
  );

  it("gives each role only what its function uses", () => {
    const secret = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"];
    const logs = ["logs:CreateLogStream", "logs:PutLogEvents"];
    const base = [...logs, ...secret].sort();
    expect(actionsOf("api")).toEqual(base);
    expect(actionsOf("migrate")).toEqual(base);
    expect(actionsOf("billing-run")).toEqual(
      [...base, "execute-api:Invoke", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"].sort(),
    );
    expect(actionsOf("outbox-relay")).toEqual(
      [
        ...base,
        "events:PutEvents",
        "kinesis:PutRecords",
        "s3:GetObject",
        "s3:ListBucket",
        "s3:PutObject",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:SendMessage",
        // The notices, to their queue only (below).
        "sqs:SendMessage",
      ].sort(),
    );
    const notices = statementsOf(fnName("outbox-relay")).filter(
      (s) => s.Action === "sqs:SendMessage" && JSON.stringify(s.Resource).includes("Notifications"),
    );
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]?.Resource)).not.toContain("NotificationDeadLetters");
    for (const worker of ["payments-worker", "users-worker"]) {
      expect(actionsOf(worker)).toContain("kinesis:GetRecords");
      expect(actionsOf(worker)).not.toContain("kinesis:PutRecords");
    }
    for (const name of ["api", "migrate", "billing-run", "outbox-relay"]) {
      for (const s of statementsOf(fnName(name))) expect(s.Resource).not.toBe("*");
    }
  });

  it("lets the billing run invoke exactly the Payment Service route and the User Service routes it calls", () => {
    const invoke = statementsOf(fnName("billing-run")).filter((s) => s.Action === "execute-api:Invoke");
    expect(invoke).toHaveLength(1);
    const resources = invoke[0]!.Resource as unknown[];
    expect(resources).toHaveLength(4);
    const text = JSON.stringify(resources);
    expect(text).toContain("dev-payment-service-api-id");
    expect(text).toContain("/dev/POST/payments/users/*/charges");
    expect(text).toContain("dev-user-service-api-id");
    for (const route of ["/downgrade/finalize", "/cancel", "/cancel/complete"]) {
      expect(text).toContain(`/dev/POST/*/membership${route}`);
    }
  });

  it("gives the billing run both APIs' URLs, and both services map its role to service:subscription-service", () => {
    const variables = variablesOf(lambdaNamed(billing(), fnName("billing-run"))[1]);
    expect(JSON.stringify(variables.PAYMENT_API_URL)).toContain("payments");
    expect(JSON.stringify(variables.USER_API_URL)).toContain("dev-user-service-stateless");
    const role = "arn:aws:sts::111111111111:assumed-role/dev-subscription-service-billing-run-us-east-2/";
    for (const [template, name] of [
      [payments(), "dev-payment-service-api"],
      [dev.templates.stateless, "dev-user-service-api"],
    ] as const) {
      const principals = JSON.parse(variablesOf(lambdaNamed(template, name)[1]).IAM_PRINCIPALS as string);
      expect(principals[role]).toBe("service:subscription-service");
    }
    billing().hasResourceProperties("AWS::IAM::Role", {
      RoleName: "dev-subscription-service-billing-run-us-east-2",
    });
  });

  it("alarms on errors, throttles, dead letters, iterator age, the relay's lag, the recovery window and unread notices", () => {
    const alarms = [stateless(), billing()]
      .flatMap((template) => Object.values(resourcesOf(template, "AWS::CloudWatch::Alarm")))
      .map((a) => a.Properties);
    const names = alarms.map((a) => a.AlarmName);
    for (const name of [
      "api-5xx",
      "billing-run-errors",
      "billing-run-throttles",
      "outbox-relay-errors",
      "payments-worker-iterator-age",
      "users-worker-iterator-age",
      "schedules-dlq-messages",
      "billing-run-dlq-messages",
      "payments-worker-failures-messages",
      "users-worker-failures-messages",
      "relay-lag",
      "recovery-window",
      "notifications-dlq-messages",
      "notifications-waiting",
    ]) {
      expect(names).toContain(fnName(name));
    }
    expect(alarms.find((a) => a.AlarmName === fnName("relay-lag"))).toMatchObject({
      MetricName: "subscriptions.outbox.lag",
      Dimensions: [{ Name: "service", Value: "subscription-service" }],
      TreatMissingData: "breaching",
    });
    expect(ALARMED_METRIC).toBe(RECOVERY_WINDOW_METRIC);
    expect(alarms.find((a) => a.AlarmName === fnName("recovery-window"))).toMatchObject({
      MetricName: RECOVERY_WINDOW_METRIC,
      Dimensions: [{ Name: "service", Value: "subscription-service" }],
    });
  });

  const RESOLVED = {
    DATABASE_SECRET_ARN:
      "arn:aws:secretsmanager:us-east-2:111111111111:secret:dev/subscription-service/database-AbCdEf",
    DATABASE_HOST: "dev-subscription-service-subscriptions.proxy-abc.us-east-2.rds.amazonaws.com",
    SUBSCRIPTIONS_STREAM_NAME: "dev-subscriptions",
    EVENT_BUS_NAME: "dev-subscription-service-events",
    DOCUMENTS_BUCKET: "dev-subscription-service-stateful-documents7e5b2978-abc123",
    NOTIFICATIONS_QUEUE_URL:
      "https://sqs.us-east-2.amazonaws.com/111111111111/dev-subscription-notifications",
    IAM_PRINCIPALS: "{}",
    PAYMENT_API_URL: "https://pay.execute-api.us-east-2.amazonaws.com/dev/payments",
    USER_API_URL: "https://usr.execute-api.us-east-2.amazonaws.com/dev/",
    PAYMENT_API_REGION: "us-east-2",
    USER_API_REGION: "us-east-2",
  } as Record<string, string>;
  const PLATFORM = new Set([
    "NODE_OPTIONS",
    "POWERTOOLS_SERVICE_NAME",
    "POWERTOOLS_LOG_LEVEL",
    "POWERTOOLS_METRICS_NAMESPACE",
  ]);
  it.each([
    ["api", requireOneDatabaseSource(subscriptionsAwsConfigSchema)],
    ["migrate", primaryDatabaseConfigSchema],
    ["billing-run", requireOneDatabaseSource(billingRunConfigSchema)],
    ["outbox-relay", requireOneDatabaseSource(subscriptionsRelayConfigSchema)],
    ["payments-worker", requireOneDatabaseSource(subscriptionsDatabaseConfigSchema)],
    ["users-worker", requireOneDatabaseSource(subscriptionsDatabaseConfigSchema)],
  ] as [string, z.ZodObject][])(
    "%s: its environment parses with the schema its entry point reads",
    (name, schema) => {
      const variables = variablesOf(lambdaNamed(templateOf(fnName(name)), fnName(name))[1]);
      const env: Record<string, string> = { AWS_REGION: "us-east-2" };
      for (const [key, value] of Object.entries(variables)) {
        env[key] = typeof value === "string" && !value.startsWith("{{resolve:") ? value : RESOLVED[key]!;
      }
      expect(schema.safeParse(env).error?.issues ?? []).toEqual([]);
      expect(Object.keys(variables).filter((k) => !(k in schema.shape) && !PLATFORM.has(k))).toEqual([]);
    },
  );
});

describe("the Subscription Service's billing stack", () => {
  it("sends its alarms to the service's one topic, the stateless stack's, and makes none of its own", () => {
    expect(Object.keys(resourcesOf(billing(), "AWS::SNS::Topic"))).toEqual([]);
    stateless().hasResourceProperties("AWS::SNS::Topic", { TopicName: "dev-subscription-service-alarms" });
    const actions = JSON.stringify(
      Object.values(resourcesOf(billing(), "AWS::CloudWatch::Alarm")).map((a) => a.Properties.AlarmActions),
    );
    expect(actions).toContain("dev-subscription-service-stateless");
  });

  it("invokes the billing run only from its own scheduler role", () => {
    const [id] = lambdaNamed(billing(), fnName("billing-run"));
    const policies = Object.values(resourcesOf(billing(), "AWS::IAM::Policy")).filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes("lambda:InvokeFunction"),
    );
    expect(policies).toHaveLength(1);
    expect(JSON.stringify(policies[0]!.Properties.PolicyDocument)).toContain(id);
    expect(JSON.stringify(resourcesOf(stateless(), "AWS::IAM::Policy"))).not.toContain("billing-run");
  });
});

describe("the stage's stacks and their order", () => {
  const dependencies = (name: string) =>
    dev.stacks.find((stack) => stack.stackName === name)!.dependencies.map((stack) => stack.stackName);

  it("have no dependency cycle", () => {
    const done = new Set<string>();
    let left = dev.stacks.map((stack) => stack.stackName);
    while (left.length > 0) {
      const ready = left.filter((name) => dependencies(name).every((d) => done.has(d)));
      expect(ready, `a cycle among ${left.join(", ")}`).not.toEqual([]);
      for (const name of ready) done.add(name);
      left = left.filter((name) => !done.has(name));
    }
  });

  it("deploy the billing run after both stateless stacks, the subscriptions stateless stack after no User Service stack but its stateful one", () => {
    expect(dependencies("dev-subscription-service-billing")).toEqual(
      expect.arrayContaining([
        "dev-user-service-stateless",
        "dev-subscription-service-stateless",
        "dev-payment-service-stateless",
      ]),
    );
    const stateless = dependencies("dev-subscription-service-stateless");
    expect(stateless).not.toContain("dev-user-service-stateless");
    expect(stateless.filter((name) => name.startsWith("dev-user-service-"))).toEqual([
      "dev-user-service-stateful",
    ]);
  });
});

describe("the User Service and the Subscription Service's API", () => {
  const usersApi = (stage: SynthesizedStage) =>
    variablesOf(lambdaNamed(stage.templates.stateless, `${stage.config.stage}-user-service-api`)[1]);
  /** The statements of the User Service's stateless stack that grant on the Subscription Service's API. */
  const subscriptionGrants = (stage: SynthesizedStage, apiMarker: string) =>
    Object.values(resourcesOf(stage.templates.stateless, "AWS::IAM::Policy"))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement)
      .filter((s) => JSON.stringify(s.Resource).includes(apiMarker));
  const ROUTES = [
    "POST/subscriptions/users/*/subscription",
    ...["reactivate", "pause", "resume", "upgrade", "downgrade", "cancel"].map(
      (action) => `POST/subscriptions/users/*/subscription/${action}`,
    ),
    "GET/subscriptions/users/*/subscription/current-period",
  ];

  it("gives the User Service's API the subscriptions API's URL with its subscriptions segment, and its region", () => {
    const variables = usersApi(dev);
    // The subscriptions stateless stack's API URL (id and stage by its exports) with the client's segment.
    const parts = (variables.SUBSCRIPTION_API_URL as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1];
    expect(parts.at(-1)).toBe("/subscriptions");
    const url = JSON.stringify(parts);
    expect(url).toContain('"Fn::ImportValue":"dev-subscription-service-stateless:');
    expect(url).toContain(".execute-api.us-east-2.");
    expect(variables.SUBSCRIPTION_API_REGION).toBe("us-east-2");
  });

  it("grants the User Service's API execute-api:Invoke on exactly the subscriptions routes its client calls", () => {
    const statements = subscriptionGrants(dev, "dev-subscription-service-api-id");
    expect(statements).toHaveLength(1);
    expect(statements[0]!.Action).toBe("execute-api:Invoke");
    const resources = statements[0]!.Resource as unknown[];
    expect(resources).toHaveLength(ROUTES.length);
    const text = JSON.stringify(resources);
    for (const route of ROUTES) expect(text).toContain(`"/dev/${route}"`);
    // No grant from a setting any more: only the three outside services keep theirs.
    const roleId = (
      lambdaNamed(dev.templates.stateless, "dev-user-service-api")[1].Properties.Role as {
        "Fn::GetAtt": [string];
      }
    )["Fn::GetAtt"][0];
    const onPlaceholders = Object.values(resourcesOf(dev.templates.stateless, "AWS::IAM::Policy"))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement)
      .flatMap((s) => [s.Resource].flat())
      .filter((r): r is string => typeof r === "string" && r.includes(":placeholder"));
    expect(onPlaceholders.map((r) => r.split(":")[5]).sort()).toEqual([
      "placeholderfloat/stage/*/*",
      "placeholdertransactions/stage/*/*",
      "placeholderunderwriting/stage/*/*",
    ]);
  });

  it("maps the User Service's API role to service:user-service in the subscriptions API's IAM_PRINCIPALS", () => {
    const principals = JSON.parse(
      variablesOf(lambdaNamed(stateless(), fnName("api"))[1]).IAM_PRINCIPALS as string,
    );
    expect(principals).toEqual({
      "arn:aws:sts::111111111111:assumed-role/dev-user-service-api-us-east-2/": "service:user-service",
      ...consoleOperatorPrincipals("dev"),
    });
    dev.templates.stateless.hasResourceProperties("AWS::IAM::Role", {
      RoleName: "dev-user-service-api-us-east-2",
    });
  });

  it("uses an imported Subscription Service, building none, when the stage sets streams.subscriptionsArn and apis.subscriptions", () => {
    expect(imported.stacks.map((s) => s.stackName)).not.toContainEqual(
      expect.stringMatching(/subscription-service/),
    );
    const variables = usersApi(imported);
    expect(variables.SUBSCRIPTION_API_URL).toBe(`${IMPORTED.api.url}/subscriptions`);
    expect(variables.SUBSCRIPTION_API_REGION).toBe("us-east-2");
    const statements = subscriptionGrants(imported, IMPORTED.api.executeApiArn);
    expect(statements).toHaveLength(1);
    expect([statements[0]!.Resource as string[]].flat().sort()).toEqual(
      ROUTES.map((route) => `${IMPORTED.api.executeApiArn}/${route}`).sort(),
    );
  });

  it("refuses a stage that imports the subscriptions stream without the API, or the API without the stream", async () => {
    const streams = { subscriptionsArn: IMPORTED.streamArn };
    const refused = /context stages.qa: streams.subscriptionsArn and apis.subscriptions go together/;
    await expect(synthStages({ stages: { qa: { streams } }, stage: "qa" })).rejects.toThrow(refused);
    const apis = { subscriptions: IMPORTED.api };
    await expect(synthStages({ stages: { qa: { apis } }, stage: "qa" })).rejects.toThrow(refused);
  });
});
