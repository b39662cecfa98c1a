import { describe, expect, it } from "vitest";
import { loadAwsConfig } from "../../../src/runtime/aws/aws.config.ts";
import { loadLocalConfig } from "../../../src/runtime/local/local.config.ts";
import { awsEnv } from "../../support/aws-env.ts";
import { problemsOf } from "../../support/config-problems.ts";

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
    const base = awsEnv;
    const map = { "arn:aws:iam::1:role/subs": "service:subscriptions" };
    expect(loadAwsConfig({ ...base, IAM_PRINCIPALS: JSON.stringify(map) }).IAM_PRINCIPALS).toEqual(map);
    const problems = problemsOf(() => loadAwsConfig({ ...base, IAM_PRINCIPALS: '{"arn:x":"admin"}' }));
    expect(problems).toEqual([expect.stringMatching(/^IAM_PRINCIPALS: /)]);
  });
});
