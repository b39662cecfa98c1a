import { describe, expect, it } from "vitest";
import {
  loadCleanupWorkerConfig,
  loadKinesisFeederConfig,
  loadPaymentWorkerConfig,
  loadSubscriptionsWorkerConfig,
} from "../../../src/runtime/aws/aws-workers.config.ts";
import { loadLocalConfig } from "../../../src/runtime/local/local.config.ts";
import { problemsOf } from "../../support/config-problems.ts";

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
