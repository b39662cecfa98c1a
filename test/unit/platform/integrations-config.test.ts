import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/platform/config/config-error.ts";
import { loadAwsConfig } from "../../../src/runtime/aws/aws.config.ts";

/** What the AWS runtime needs besides the Transactions Service and Experian. */
const base = {
  AWS_REGION: "us-east-2",
  DATABASE_URL: "postgres://u:p@db.internal:5432/ebdb",
  AUTH0_ISSUER: "https://tenant.auth0.com/",
  AUTH0_AUDIENCE: "https://api.example",
};

const integrations = {
  TRANSACTIONS_API_URL: "https://abc123.execute-api.us-east-2.amazonaws.com/prod",
  EXPERIAN_BASE_URL: "https://us-api.experian.com",
  EXPERIAN_CLIENT_ID: "client",
  EXPERIAN_CLIENT_SECRET: "secret",
  EXPERIAN_USERNAME: "mla@example.com",
  EXPERIAN_PASSWORD: "password",
  EXPERIAN_SUBSCRIBER_CODE: "1234567",
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadAwsConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error("the configuration was accepted");
};

describe("configuration of the Transactions Service and Experian clients on AWS", () => {
  it("reads them, with default timeouts, signing in AWS_REGION unless told another region", () => {
    const config = loadAwsConfig({ ...base, ...integrations });
    expect(config).toMatchObject({
      ...integrations,
      TRANSACTIONS_API_TIMEOUT_MS: 5_000,
      EXPERIAN_TIMEOUT_MS: 10_000,
    });
    expect(config.TRANSACTIONS_API_REGION).toBeUndefined();
    expect(loadAwsConfig({ ...base, ...integrations, TRANSACTIONS_API_REGION: "us-west-2" })).toMatchObject({
      TRANSACTIONS_API_REGION: "us-west-2",
    });
  });

  it("names each variable that is missing", () => {
    const names = problemsOf(base).map((p) => p.split(":")[0]);
    expect(names.sort()).toEqual(Object.keys(integrations).sort());
  });

  it("names each variable that is malformed, with its rule", () => {
    const problems = problemsOf({
      ...base,
      ...integrations,
      TRANSACTIONS_API_URL: "http://abc123.execute-api.us-east-2.amazonaws.com/prod",
      TRANSACTIONS_API_TIMEOUT_MS: "soon",
      EXPERIAN_TIMEOUT_MS: "60000",
      EXPERIAN_CLIENT_SECRET: "",
    });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "EXPERIAN_CLIENT_SECRET",
      "EXPERIAN_TIMEOUT_MS",
      "TRANSACTIONS_API_TIMEOUT_MS",
      "TRANSACTIONS_API_URL",
    ]);
  });
});
