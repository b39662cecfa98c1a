import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/platform/config/config-error.ts";
import { loadAwsConfig } from "../../../src/runtime/aws/aws.config.ts";
import { loadLocalConfig } from "../../../src/runtime/local/local.config.ts";

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error("the configuration was accepted");
};

describe("configuration", () => {
  it("runs locally with no variables at all", () => {
    expect(loadLocalConfig({})).toMatchObject({ STAGE: "local", PORT: 3000, ROSTER_DATA_DIR: "./.roster" });
  });

  it("fails fast naming each bad variable and its rule", () => {
    const problems = problemsOf(() =>
      loadLocalConfig({ PORT: "eighty", STAGE: "Prod!", DATABASE_URL: "mysql://x" }),
    );
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["DATABASE_URL", "PORT", "STAGE"]);
  });

  it("names every variable AWS needs that is missing", () => {
    const problems = problemsOf(() => loadAwsConfig({}));
    const names = problems.map((p) => p.split(":")[0]).sort();
    expect(names).toEqual([
      "AUTH0_AUDIENCE",
      "AUTH0_ISSUER",
      "AUTH0_MANAGEMENT_CLIENT_ID",
      "AUTH0_MANAGEMENT_CLIENT_SECRET",
      "AUTH0_MANAGEMENT_DOMAIN",
      "AWS_REGION",
      "CLEANUP_QUEUE_URL",
      "DATABASE_URL",
      "EXPERIAN_BASE_URL",
      "EXPERIAN_CLIENT_ID",
      "EXPERIAN_CLIENT_SECRET",
      "EXPERIAN_PASSWORD",
      "EXPERIAN_SUBSCRIBER_CODE",
      "EXPERIAN_USERNAME",
      "FLOAT_API_URL",
      "GROWTHBOOK_API_HOST",
      "GROWTHBOOK_CLIENT_KEY",
      "PAYMENT_API_URL",
      "SUBSCRIPTION_API_URL",
      "TRANSACTIONS_API_URL",
      "UNDERWRITING_API_URL",
    ]);
  });

  it("reads the IAM principal map and refuses a malformed one", () => {
    const base = {
      AWS_REGION: "us-east-2",
      DATABASE_URL: "postgres://u:p@db.internal:5432/ebdb",
      AUTH0_ISSUER: "https://tenant.auth0.com/",
      AUTH0_AUDIENCE: "https://api.example",
      TRANSACTIONS_API_URL: "https://abc123.execute-api.us-east-2.amazonaws.com/prod",
      EXPERIAN_BASE_URL: "https://us-api.experian.com",
      EXPERIAN_CLIENT_ID: "client",
      EXPERIAN_CLIENT_SECRET: "secret",
      EXPERIAN_USERNAME: "mla@example.com",
      EXPERIAN_PASSWORD: "password",
      EXPERIAN_SUBSCRIBER_CODE: "1234567",
      SUBSCRIPTION_API_URL: "https://sub123.execute-api.us-east-2.amazonaws.com/prod",
      PAYMENT_API_URL: "https://pay123.execute-api.us-east-2.amazonaws.com/prod",
      FLOAT_API_URL: "https://flt123.execute-api.us-east-2.amazonaws.com/prod",
      UNDERWRITING_API_URL: "https://uwr123.execute-api.us-east-2.amazonaws.com/prod",
      GROWTHBOOK_API_HOST: "https://cdn.growthbook.io",
      GROWTHBOOK_CLIENT_KEY: "sdk-abc123",
      AUTH0_MANAGEMENT_DOMAIN: "tenant.auth0.com",
      CLEANUP_QUEUE_URL: "https://sqs.us-east-2.amazonaws.com/111122223333/dev-user-service-cleanup",
      AUTH0_MANAGEMENT_CLIENT_ID: "m2m-client",
      AUTH0_MANAGEMENT_CLIENT_SECRET: "m2m-secret",
    };
    const map = { "arn:aws:iam::1:role/subs": "service:subscriptions" };
    expect(loadAwsConfig({ ...base, IAM_PRINCIPALS: JSON.stringify(map) }).IAM_PRINCIPALS).toEqual(map);
    const problems = problemsOf(() => loadAwsConfig({ ...base, IAM_PRINCIPALS: '{"arn:x":"admin"}' }));
    expect(problems).toEqual([expect.stringMatching(/^IAM_PRINCIPALS: /)]);
  });
});
