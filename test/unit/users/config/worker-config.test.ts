import { describe, expect, it } from "vitest";
import { loadPrimaryDatabaseConfig } from "../../../../src/platform/config/database.config.ts";
import { loadLocalConfig } from "../../../../src/platform/config/local.config.ts";
import { loadAuth0AuthorizerConfig } from "../../../../src/users/wiring/config/auth0-authorizer.config.ts";
import { loadCleanupWorkerConfig } from "../../../../src/users/wiring/config/cleanup-worker.config.ts";
import { loadKinesisFeederConfig } from "../../../../src/users/wiring/config/kinesis-feeder.config.ts";
import { loadPaymentWorkerConfig } from "../../../../src/users/wiring/config/payment-worker.config.ts";
import { loadSubscriptionsWorkerConfig } from "../../../../src/users/wiring/config/subscriptions-worker.config.ts";
import { problemsOf } from "../../../support/config-problems.ts";

const region = { AWS_REGION: "us-east-2", STAGE: "dev" };
const payment = {
  ...region,
  GROWTHBOOK_API_HOST: "https://cdn.growthbook.io",
  GROWTHBOOK_CLIENT_KEY: "sdk-abc123",
  USER_SERVICE_API_URL: "https://usr123.execute-api.us-east-2.amazonaws.com/dev",
};
const cleanup = {
  ...region,
  TRANSACTIONS_API_URL: "https://abc123.execute-api.us-east-2.amazonaws.com/dev",
  AUTH0_MANAGEMENT_DOMAIN: "tenant.auth0.com",
  AUTH0_MANAGEMENT_CLIENT_ID: "m2m",
  AUTH0_MANAGEMENT_CLIENT_SECRET: "secret",
  ARRAY_API_URL: "https://api.array.io",
  ARRAY_API_KEY: "array-key",
};

describe("worker Lambdas' configuration", () => {
  it("each worker reads only its own variables, with defaults", () => {
    expect(loadPaymentWorkerConfig(payment)).toMatchObject({
      USER_SERVICE_API_TIMEOUT_MS: 10_000,
      LOG_LEVEL: "INFO",
    });
    expect(loadSubscriptionsWorkerConfig({ ...region, SEGMENT_WRITE_KEY: "wk" })).toMatchObject({
      EVENT_BUS_NAME: "user-service.api",
      METRICS_NAMESPACE: "Roster",
    });
    expect(
      loadKinesisFeederConfig({ ...region, USR_KINESIS_STREAM_USERS: "dev-user-service-users" }),
    ).toMatchObject({
      USR_KINESIS_STREAM_USERS: "dev-user-service-users",
    });
    expect(loadCleanupWorkerConfig(cleanup)).toMatchObject({
      ARRAY_TIMEOUT_MS: 5_000,
      TRANSACTIONS_API_TIMEOUT_MS: 5_000,
    });
  });

  it("names each missing or malformed variable", () => {
    expect(problemsOf(() => loadSubscriptionsWorkerConfig(region)).join("\n")).toContain("SEGMENT_WRITE_KEY");
    expect(problemsOf(() => loadKinesisFeederConfig(region)).join("\n")).toContain(
      "USR_KINESIS_STREAM_USERS",
    );
    const http = problemsOf(() =>
      loadPaymentWorkerConfig({ ...payment, USER_SERVICE_API_URL: "http://api.internal" }),
    );
    expect(http.join("\n")).toContain("USER_SERVICE_API_URL");
    const noKey = { ...cleanup, ARRAY_API_KEY: "" };
    expect(problemsOf(() => loadCleanupWorkerConfig(noKey)).join("\n")).toContain("ARRAY_API_KEY");
  });

  it("migrate and the usermodel projector reach the primary by DATABASE_URL or by the RDS secret, exactly one", () => {
    const secret = {
      STAGE: "dev",
      DATABASE_SECRET_ARN: "arn:aws:secretsmanager:us-east-2:111122223333:secret:dev-usermodel-AbCdEf",
      DATABASE_HOST: "dev-usermodel.proxy-abc.us-east-2.rds.amazonaws.com",
    };
    expect(loadPrimaryDatabaseConfig({ DATABASE_URL: "postgres://u:p@db:5432/usermodel" })).toMatchObject({
      DATABASE_URL: "postgres://u:p@db:5432/usermodel",
    });
    expect(loadPrimaryDatabaseConfig({ ...secret, DATABASE_NAME: "usermodel" })).toEqual({
      LOG_LEVEL: "INFO",
      ...secret,
      DATABASE_NAME: "usermodel",
    });
    const names = (env: Record<string, string>) =>
      problemsOf(() => loadPrimaryDatabaseConfig(env)).map((p) => p.split(":")[0]);
    expect(names({})).toEqual(["DATABASE_URL"]);
    expect(names({ ...secret, DATABASE_URL: "postgres://u:p@db/usermodel" })).toEqual(["DATABASE_URL"]);
    expect(names({ DATABASE_SECRET_ARN: secret.DATABASE_SECRET_ARN })).toEqual(["DATABASE_HOST"]);
    expect(names({ DATABASE_HOST: secret.DATABASE_HOST })).toEqual(["DATABASE_SECRET_ARN"]);
    expect(names({ ...secret, DATABASE_SECRET_ARN: "dev-usermodel" })).toEqual(["DATABASE_SECRET_ARN"]);
  });

  it("the Auth0 authorizer reads the tenant and the audience the API reads", () => {
    const auth0 = { AUTH0_ISSUER: "https://tenant.auth0.com/", AUTH0_AUDIENCE: "https://api.example" };
    expect(loadAuth0AuthorizerConfig(auth0)).toEqual({ ...auth0, STAGE: "local", LOG_LEVEL: "INFO" });
    const problems = problemsOf(() =>
      loadAuth0AuthorizerConfig({ AUTH0_ISSUER: "http://tenant.auth0.com/" }),
    );
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["AUTH0_AUDIENCE", "AUTH0_ISSUER"]);
  });

  it("the local event runtime's tuning has defaults and refuses nonsense by name", () => {
    expect(loadLocalConfig({})).toMatchObject({
      ROSTER_WORKER_TIMEOUT_MS: 30_000,
      ROSTER_STREAM_MAX_RETRIES: 5,
      ROSTER_STREAM_SHARDS: 2,
      ROSTER_STREAM_RETENTION_HOURS: 168,
      ROSTER_QUEUE_MAX_RECEIVES: 5,
    });
    expect(problemsOf(() => loadLocalConfig({ ROSTER_STREAM_SHARDS: "0" })).join("\n")).toContain(
      "ROSTER_STREAM_SHARDS",
    );
  });
});
