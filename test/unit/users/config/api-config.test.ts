import { describe, expect, it } from "vitest";
import { loadLocalConfig } from "../../../../src/platform/config/local.config.ts";
import { loadAwsConfig } from "../../../../src/users/wiring/config/api.config.ts";
import { awsEnv } from "../../../support/aws-env.ts";
import { problemsOf } from "../../../support/config-problems.ts";

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
      "ROSTER_CURSOR_KEY",
      "SUBSCRIPTION_API_URL",
      "TRANSACTIONS_API_URL",
      "UNDERWRITING_API_URL",
    ]);
  });

  it("reaches PostgreSQL by DATABASE_URL or by the RDS secret on the RDS Proxy endpoints, exactly one", () => {
    const { DATABASE_URL: _url, ...withoutUrl } = awsEnv;
    const secret = {
      DATABASE_SECRET_ARN: "arn:aws:secretsmanager:us-east-2:111122223333:secret:dev-usermodel-AbCdEf",
      DATABASE_HOST: "dev-usermodel.proxy-abc.us-east-2.rds.amazonaws.com",
      DATABASE_READ_HOST: "dev-usermodel-read.endpoint.proxy-abc.us-east-2.rds.amazonaws.com",
    };
    expect(loadAwsConfig({ ...withoutUrl, ...secret })).toMatchObject(secret);
    expect(loadAwsConfig({ ...withoutUrl, ...secret }).DATABASE_URL).toBeUndefined();
    expect(loadAwsConfig(awsEnv).DATABASE_SECRET_ARN).toBeUndefined();

    const problems = (env: Record<string, string>) => problemsOf(() => loadAwsConfig(env));
    expect(problems({ ...awsEnv, ...secret })).toEqual([
      "DATABASE_URL: DATABASE_SECRET_ARN and DATABASE_HOST and DATABASE_READ_HOST set too: configure DATABASE_URL or the Secrets Manager variables, not both",
    ]);
    expect(problems({ ...withoutUrl, DATABASE_SECRET_ARN: secret.DATABASE_SECRET_ARN })).toEqual([
      "DATABASE_HOST: required with DATABASE_SECRET_ARN: the RDS Proxy endpoint",
    ]);
    const readUrlWithSecret = { ...withoutUrl, ...secret, DATABASE_READ_URL: "postgres://u:p@replica/ebdb" };
    expect(problems(readUrlWithSecret).map((p) => p.split(":")[0])).toEqual(["DATABASE_READ_URL"]);
    const readUrlAlone = { ...withoutUrl, DATABASE_READ_URL: "postgres://u:p@replica/ebdb" };
    expect(problems(readUrlAlone)).toEqual(["DATABASE_URL: required with DATABASE_READ_URL"]);
    const badHost = { ...withoutUrl, ...secret, DATABASE_HOST: "https://proxy.example" };
    expect(problems(badHost).map((p) => p.split(":")[0])).toEqual(["DATABASE_HOST"]);
  });

  it("reads the IAM principal map and refuses a malformed one", () => {
    const base = awsEnv;
    const map = { "arn:aws:iam::1:role/subs": "service:subscriptions" };
    expect(loadAwsConfig({ ...base, IAM_PRINCIPALS: JSON.stringify(map) }).IAM_PRINCIPALS).toEqual(map);
    const problems = problemsOf(() => loadAwsConfig({ ...base, IAM_PRINCIPALS: '{"arn:x":"admin"}' }));
    expect(problems).toEqual([expect.stringMatching(/^IAM_PRINCIPALS: /)]);
  });
});
