import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../../src/platform/config/config-error.ts";
import { loadAwsConfig } from "../../../../src/users/wiring/config/api.config.ts";
import { awsEnvBase as base, awsEnvIntegrations as integrations } from "../../../support/aws-env.ts";

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadAwsConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error("the configuration was accepted");
};

describe("configuration of the outbound clients on AWS", () => {
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

  it("reads the membership services' clients, with defaults, signing in AWS_REGION unless told another region", () => {
    const config = loadAwsConfig({ ...base, ...integrations });
    expect(config).toMatchObject({
      INTERNAL_API_TIMEOUT_MS: 5_000,
      GROWTHBOOK_TIMEOUT_MS: 3_000,
      GROWTHBOOK_REFRESH_MS: 60_000,
      AUTH0_MANAGEMENT_TIMEOUT_MS: 5_000,
    });
    expect(config.INTERNAL_API_REGION).toBeUndefined();
    expect(config.SUBSCRIPTION_API_REGION).toBeUndefined();
    expect(config.GROWTHBOOK_DECRYPTION_KEY).toBeUndefined();
    const told = loadAwsConfig({
      ...base,
      ...integrations,
      INTERNAL_API_REGION: "us-west-2",
      SUBSCRIPTION_API_REGION: "eu-west-1",
      GROWTHBOOK_DECRYPTION_KEY: "key==",
    });
    expect(told).toMatchObject({
      INTERNAL_API_REGION: "us-west-2",
      SUBSCRIPTION_API_REGION: "eu-west-1",
      GROWTHBOOK_DECRYPTION_KEY: "key==",
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
      PAYMENT_API_URL: "http://pay123.execute-api.us-east-2.amazonaws.com/prod",
      INTERNAL_API_TIMEOUT_MS: "30000",
      GROWTHBOOK_API_HOST: "http://cdn.growthbook.io",
      GROWTHBOOK_TIMEOUT_MS: "10000",
      AUTH0_MANAGEMENT_DOMAIN: "https://tenant.auth0.com/",
    });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "AUTH0_MANAGEMENT_DOMAIN",
      "EXPERIAN_CLIENT_SECRET",
      "EXPERIAN_TIMEOUT_MS",
      "GROWTHBOOK_API_HOST",
      "GROWTHBOOK_TIMEOUT_MS",
      "INTERNAL_API_TIMEOUT_MS",
      "PAYMENT_API_URL",
      "TRANSACTIONS_API_TIMEOUT_MS",
      "TRANSACTIONS_API_URL",
    ]);
  });
});
