/**
 * Each function's environment, as synthesized, passes the zod schema its entry point parses at cold start:
 * nothing required is missing, every value has the right shape, and no variable is one the code never reads.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  primaryDatabaseConfigSchema,
  requireOneDatabaseSource,
} from "../../src/platform/config/database.config.ts";
import { awsConfigSchema } from "../../src/users/wiring/config/api.config.ts";
import { auth0AuthorizerConfigSchema } from "../../src/users/wiring/config/auth0-authorizer.config.ts";
import { cleanupWorkerConfigSchema } from "../../src/users/wiring/config/cleanup-worker.config.ts";
import { kinesisFeederConfigSchema } from "../../src/users/wiring/config/kinesis-feeder.config.ts";
import { paymentWorkerConfigSchema } from "../../src/users/wiring/config/payment-worker.config.ts";
import { softOptInWorkerConfigSchema } from "../../src/users/wiring/config/soft-opt-in-worker.config.ts";
import { subscriptionsWorkerConfigSchema } from "../../src/users/wiring/config/subscriptions-worker.config.ts";
import { lambdaNamed, type SynthesizedStage, synthStages } from "./support/synth-stages.ts";

const SCHEMAS: Record<string, z.ZodObject> = {
  api: requireOneDatabaseSource(awsConfigSchema),
  "auth0-authorizer": auth0AuthorizerConfigSchema,
  "payment-worker": paymentWorkerConfigSchema,
  subscriptions: subscriptionsWorkerConfigSchema,
  "kinesis-feeder": kinesisFeederConfigSchema,
  cleanup: cleanupWorkerConfigSchema,
  "soft-opt-ins": softOptInWorkerConfigSchema,
  "usermodel-projector": primaryDatabaseConfigSchema,
  migrate: primaryDatabaseConfigSchema,
};

/** Read by the runtime or Powertools, not by our schemas. */
const PLATFORM_VARIABLES = new Set([
  "NODE_OPTIONS",
  "NODE_EXTRA_CA_CERTS",
  "POWERTOOLS_SERVICE_NAME",
  "POWERTOOLS_LOG_LEVEL",
  "POWERTOOLS_METRICS_NAMESPACE",
]);

/** What CloudFormation resolves at deploy time, as values of the right shape. */
const RESOLVED: Record<string, string> = {
  DATABASE_SECRET_ARN:
    "arn:aws:secretsmanager:us-east-2:111111111111:secret:dev/user-service/database-AbCdEf",
  DATABASE_HOST: "dev-user-service-usermodel.proxy-abc.us-east-2.rds.amazonaws.com",
  DATABASE_READ_HOST: "dev-user-service-usermodel-replica.abc.us-east-2.rds.amazonaws.com",
  CLEANUP_QUEUE_URL: "https://sqs.us-east-2.amazonaws.com/111111111111/dev-user-service-cleanup",
  USER_SERVICE_API_URL: "https://abc123.execute-api.us-east-2.amazonaws.com/dev/",
  USR_KINESIS_STREAM_USERS: "dev-user-service-users",
  PAYMENT_API_URL: "https://pay123.execute-api.us-east-2.amazonaws.com/prod/payments",
  SUBSCRIPTION_API_URL: "https://sub123.execute-api.us-east-2.amazonaws.com/prod/subscriptions",
};

function deployedEnvironment(variables: Record<string, unknown>): Record<string, string> {
  const env: Record<string, string> = { AWS_REGION: "us-east-2" };
  for (const [key, value] of Object.entries(variables)) {
    if (typeof value === "string") {
      env[key] = value.startsWith("{{resolve:secretsmanager:")
        ? "a-secret-from-secrets-manager-at-least-32-characters"
        : value;
    } else {
      const resolved = RESOLVED[key];
      if (!resolved) throw new Error(`${key} is a CloudFormation expression this test cannot resolve`);
      env[key] = resolved;
    }
  }
  return env;
}

let prod: SynthesizedStage;

beforeAll(async () => {
  prod = (await synthStages({ stage: "prod" })).stages.prod!;
});

describe("function environments (prod, with its read replica)", () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: parses with the schema its entry point reads`, () => {
      const [, fn] = lambdaNamed(prod.templates.stateless, `prod-user-service-${name}`);
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const result = schema.safeParse(deployedEnvironment(variables));
      expect(result.error?.issues ?? []).toEqual([]);
      const unknown = Object.keys(variables).filter(
        (key) => !(key in schema.shape) && !PLATFORM_VARIABLES.has(key),
      );
      expect(unknown).toEqual([]);
    });
  }

  it("points the API's reads at the replica and its writes at RDS Proxy", () => {
    const [, api] = lambdaNamed(prod.templates.stateless, "prod-user-service-api");
    const variables = (api.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.stringify(variables.DATABASE_HOST)).toContain("DatabaseProxy");
    expect(JSON.stringify(variables.DATABASE_READ_HOST)).toContain("DatabaseReplica");
  });
});
