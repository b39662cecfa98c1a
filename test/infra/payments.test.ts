/**
 * The Payment Service's stacks (issue 12): its database and stream, its functions on nodejs24.x arm64,
 * its REST API (IAM on every route but the Stripe webhook), the relay's schedule, least-privilege roles,
 * environments its code parses, alarms; and the User Service reading the API's URL from them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { paymentsAwsConfigSchema } from "../../src/payments/wiring/config/api.config.ts";
import { outboxRelayConfigSchema } from "../../src/payments/wiring/config/outbox-relay.config.ts";
import {
  primaryDatabaseConfigSchema,
  requireOneDatabaseSource,
} from "../../src/platform/config/database.config.ts";
import { consoleOperatorPrincipals } from "./support/console-operators.ts";
import { lambdaNamed, resourcesOf, type SynthesizedStage, synthStages } from "./support/synth-stages.ts";

let dev: SynthesizedStage;
let imported: SynthesizedStage;
const IMPORTED_API = {
  url: "https://pay222.execute-api.us-east-2.amazonaws.com/qa",
  executeApiArn: "arn:aws:execute-api:us-east-2:222222222222:pay222/qa",
};

beforeAll(async () => {
  dev = (await synthStages({ stage: "dev" })).stages.dev!;
  const streams = { paymentsArn: "arn:aws:kinesis:us-east-2:222222222222:stream/qa-payments" };
  const stages = { qa: { streams, apis: { payments: IMPORTED_API } } };
  imported = (await synthStages({ stages, stage: "qa" })).stages.qa!;
});

const stateful = () => dev.templatesByName["dev-payment-service-stateful"]!;
const stateless = () => dev.templatesByName["dev-payment-service-stateless"]!;
type Json = Record<string, unknown>;
const variablesOf = (fn: { Properties: Json }) =>
  (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

/** Every statement of the policies attached to a function's role. */
function statementsOf(functionName: string): { Action: string | string[]; Resource: unknown }[] {
  const [, fn] = lambdaNamed(stateless(), functionName);
  const roleId = (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0];
  return Object.values(resourcesOf(stateless(), "AWS::IAM::Policy"))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: never[] }).Statement);
}

describe("the Payment Service's stateful stack", () => {
  it("holds the payments stream and its own PostgreSQL database behind RDS Proxy, retained", () => {
    stateful().hasResourceProperties("AWS::Kinesis::Stream", { Name: "dev-payments" });
    stateful().hasResource("AWS::RDS::DBInstance", {
      DeletionPolicy: "Retain",
      Properties: {
        DBInstanceIdentifier: "dev-payment-service-payments",
        DBName: "payments",
        Engine: "postgres",
        StorageEncrypted: true,
        PubliclyAccessible: false,
      },
    });
    stateful().hasResourceProperties("AWS::RDS::DBProxy", { RequireTLS: true });
    stateful().hasResourceProperties("AWS::SecretsManager::Secret", {
      Name: "dev/payment-service/database",
    });
  });
});

describe("the Payment Service's stateless stack", () => {
  it("runs its three functions on nodejs24.x arm64 in its VPC, the relay one at a time", () => {
    const functions = Object.values(resourcesOf(stateless(), "AWS::Lambda::Function")).filter((fn) =>
      String(fn.Properties.FunctionName ?? "").startsWith("dev-payment-service-"),
    );
    expect(functions.map((fn) => fn.Properties.FunctionName).sort()).toEqual([
      "dev-payment-service-api",
      "dev-payment-service-migrate",
      "dev-payment-service-outbox-relay",
    ]);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: "nodejs24.x", Architectures: ["arm64"] });
      expect(fn.Properties.VpcConfig).toBeDefined();
    }
    const [, relay] = lambdaNamed(stateless(), "dev-payment-service-outbox-relay");
    expect(relay.Properties.ReservedConcurrentExecutions).toBe(1);
  });

  it("authorizes every method with IAM except POST /payments/webhooks/stripe, which has no authorizer", () => {
    const resources = resourcesOf(stateless(), "AWS::ApiGateway::Resource");
    const pathOf = (id: unknown): string => {
      const ref = (id as { Ref?: string }).Ref;
      if (!ref || !resources[ref]) return "";
      const r = resources[ref]!.Properties;
      return `${pathOf(r.ParentId)}/${r.PathPart}`;
    };
    const methods = Object.values(resourcesOf(stateless(), "AWS::ApiGateway::Method")).map((m) => ({
      route: `${m.Properties.HttpMethod} ${pathOf(m.Properties.ResourceId) || "/"}`,
      auth: m.Properties.AuthorizationType,
    }));
    expect(methods.length).toBeGreaterThan(6);
    expect(methods.filter((m) => m.auth !== "AWS_IAM")).toEqual([
      { route: "POST /payments/webhooks/stripe", auth: "NONE" },
    ]);
  });

  it("gives each role only what its function uses", () => {
    const actions = (name: string) =>
      statementsOf(name)
        .flatMap((s) => [s.Action].flat())
        .sort();
    const secret = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"];
    const logs = ["logs:CreateLogStream", "logs:PutLogEvents"];
    expect(actions("dev-payment-service-api")).toEqual([...logs, ...secret].sort());
    expect(actions("dev-payment-service-migrate")).toEqual([...logs, ...secret].sort());
    expect(actions("dev-payment-service-outbox-relay")).toEqual(
      [
        ...logs,
        ...secret,
        "kinesis:PutRecords",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:SendMessage",
      ].sort(),
    );
    const put = statementsOf("dev-payment-service-outbox-relay").find(
      (s) => s.Action === "kinesis:PutRecords",
    )!;
    expect(JSON.stringify(put.Resource)).toContain("Fn::ImportValue");
    for (const name of ["api", "migrate", "outbox-relay"]) {
      for (const s of statementsOf(`dev-payment-service-${name}`)) expect(s.Resource).not.toBe("*");
    }
  });

  it("starts the relay every minute with EventBridge Scheduler, a failed run dead-lettered, not retried", () => {
    const [relayId] = lambdaNamed(stateless(), "dev-payment-service-outbox-relay");
    stateless().hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(1 minute)",
      Target: {
        Arn: { "Fn::GetAtt": [relayId, "Arn"] },
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
      },
    });
    stateless().hasResourceProperties("AWS::Lambda::EventInvokeConfig", { MaximumRetryAttempts: 0 });
  });

  it("alarms on the API's 5XX and latency, every function's errors, the relay's lag and its dead letters", () => {
    const alarms = Object.values(resourcesOf(stateless(), "AWS::CloudWatch::Alarm")).map((a) => a.Properties);
    const names = alarms.map((a) => a.AlarmName);
    for (const name of [
      "api-5xx",
      "api-latency-p99",
      "api-errors",
      "migrate-errors",
      "outbox-relay-errors",
      "outbox-relay-dlq-messages",
      "relay-lag",
    ]) {
      expect(names).toContain(`dev-payment-service-${name}`);
    }
    expect(alarms.find((a) => a.AlarmName === "dev-payment-service-relay-lag")).toMatchObject({
      Namespace: "Roster",
      MetricName: "payments.outbox.lag",
      Dimensions: [{ Name: "service", Value: "payment-service" }],
      Statistic: "Maximum",
      Threshold: 120_000,
      TreatMissingData: "breaching",
    });
  });

  const RESOLVED = {
    DATABASE_SECRET_ARN:
      "arn:aws:secretsmanager:us-east-2:111111111111:secret:dev/payment-service/database-AbCdEf",
    DATABASE_HOST: "dev-payment-service-payments.proxy-abc.us-east-2.rds.amazonaws.com",
    PAYMENTS_STREAM_NAME: "dev-payments",
    IAM_PRINCIPALS: "{}",
    STRIPE_SECRET_KEY: "sk_live_fromthevendorsecret",
    STRIPE_WEBHOOK_SECRET: "whsec_fromthevendorsecret",
    ROSTER_CURSOR_KEY: "a-secret-from-secrets-manager-at-least-32-characters",
  } as Record<string, string>;
  const PLATFORM = new Set([
    "NODE_OPTIONS",
    "POWERTOOLS_SERVICE_NAME",
    "POWERTOOLS_LOG_LEVEL",
    "POWERTOOLS_METRICS_NAMESPACE",
  ]);
  it.each([
    ["api", requireOneDatabaseSource(paymentsAwsConfigSchema)],
    ["migrate", primaryDatabaseConfigSchema],
    ["outbox-relay", requireOneDatabaseSource(outboxRelayConfigSchema)],
  ] as [string, z.ZodObject][])(
    "%s: its environment parses with the schema its entry point reads",
    (name, schema) => {
      const variables = variablesOf(lambdaNamed(stateless(), `dev-payment-service-${name}`)[1]);
      const env: Record<string, string> = { AWS_REGION: "us-east-2" };
      for (const [key, value] of Object.entries(variables)) {
        env[key] = typeof value === "string" && !value.startsWith("{{resolve:") ? value : RESOLVED[key]!;
      }
      expect(schema.safeParse(env).error?.issues ?? []).toEqual([]);
      expect(Object.keys(variables).filter((k) => !(k in schema.shape) && !PLATFORM.has(k))).toEqual([]);
    },
  );

  it("reads Stripe's keys from the stage's payments vendor secret at deploy time, never from the template", () => {
    const variables = variablesOf(lambdaNamed(stateless(), "dev-payment-service-api")[1]);
    for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "ROSTER_CURSOR_KEY"]) {
      expect(variables[key]).toBe(
        `{{resolve:secretsmanager:dev/payment-service/vendors:SecretString:${key}::}}`,
      );
    }
  });
});

describe("the User Service and the Payment Service's API", () => {
  it("gives the User Service's API the payments API's URL and maps its role to service:user-service", () => {
    const users = variablesOf(lambdaNamed(dev.templates.stateless, "dev-user-service-api")[1]);
    const url = JSON.stringify(users.PAYMENT_API_URL);
    expect(url).toContain("Fn::ImportValue");
    expect(url).toContain("dev-payment-service-stateless");
    expect(url).toContain("payments");
    expect(users.PAYMENT_API_REGION).toBe("us-east-2");
    const payments = variablesOf(lambdaNamed(stateless(), "dev-payment-service-api")[1]);
    expect(JSON.parse(payments.IAM_PRINCIPALS as string)).toEqual({
      "arn:aws:sts::111111111111:assumed-role/dev-subscription-service-billing-run-us-east-2/":
        "service:subscription-service",
      "arn:aws:sts::111111111111:assumed-role/dev-user-service-api-us-east-2/": "service:user-service",
      ...consoleOperatorPrincipals("dev"),
    });
    dev.templates.stateless.hasResourceProperties("AWS::IAM::Role", {
      RoleName: "dev-user-service-api-us-east-2",
    });
  });

  it("grants the User Service's API execute-api:Invoke on exactly the three routes it calls", () => {
    const policies = Object.values(resourcesOf(dev.templates.stateless, "AWS::IAM::Policy")).filter(
      (p) =>
        p.Properties.PolicyName === undefined || JSON.stringify(p).includes("dev-payment-service-api-id"),
    );
    const statements = policies
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement)
      .filter((s) => JSON.stringify(s.Resource).includes("dev-payment-service-api-id"));
    expect(statements).toHaveLength(1);
    const routes = JSON.stringify(statements[0]!.Resource);
    for (const route of [
      "/POST/payments/users/*/charges",
      "/POST/payments/charges/*/refunds",
      "/GET/payments/users/*/debit-card",
    ])
      expect(routes).toContain(`/dev${route}`);
    expect((statements[0]!.Resource as unknown[]).length).toBe(3);
  });

  it("uses an imported Payment Service, building none, when the stage sets streams.paymentsArn and apis.payments", () => {
    expect(imported.stacks.map((s) => s.stackName)).not.toContainEqual(
      expect.stringMatching(/payment-service/),
    );
    const users = variablesOf(lambdaNamed(imported.templates.stateless, "qa-user-service-api")[1]);
    expect(users.PAYMENT_API_URL).toBe(`${IMPORTED_API.url}/payments`);
    const resources = JSON.stringify(resourcesOf(imported.templates.stateless, "AWS::IAM::Policy"));
    expect(resources).toContain(`${IMPORTED_API.executeApiArn}/POST/payments/users/*/charges`);
  });

  it("refuses a stage that imports the payments stream without the API, or the API without the stream", async () => {
    const streams = { paymentsArn: "arn:aws:kinesis:us-east-2:222222222222:stream/qa-payments" };
    await expect(synthStages({ stages: { qa: { streams } }, stage: "qa" })).rejects.toThrow(
      /context stages.qa: streams.paymentsArn and apis.payments go together/,
    );
  });
});
