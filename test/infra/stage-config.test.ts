import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { SERVICES } from "../../infra/lib/services.ts";
import { stageConfigsFromContext } from "../../infra/lib/shared/stage.context.ts";
import { settingsOf } from "../../infra/lib/shared/stage.settings.ts";
import { apiEnvironment } from "../../infra/lib/users/functions.environment.ts";
import { executeApiArn, membershipServicesRegion } from "../../infra/lib/users/internal-apis.iam.ts";
import { userSettings } from "../../infra/lib/users/users.settings.ts";
import { parseStageConfig, placeholderSettings } from "./support/stage-settings.ts";
import { cdkJsonContext } from "./support/synth-stages.ts";

const example = JSON.parse(readFileSync(new URL("../../infra/stages.example.json", import.meta.url), "utf8"));
const configs = (context: Record<string, unknown>) =>
  stageConfigsFromContext(new App({ context }).node, SERVICES);
/** The stage as the User Service's stacks read it. */
const users = (stage: string, settings: unknown) =>
  settingsOf(userSettings, parseStageConfig(stage, settings));

describe("stage settings from the CDK context", () => {
  it("builds every stage of cdk.json when no stage is named, and only the named one otherwise", () => {
    const context = { ...cdkJsonContext(), allowPlaceholders: true };
    expect(configs(context).map((c) => c.stage)).toEqual(["dev", "prod"]);
    expect(configs({ ...context, stage: "prod" }).map((c) => c.stage)).toEqual(["prod"]);
  });

  it("decides production defaults: Multi-AZ database with a replica, two NAT gateways, the vendor secret's name", () => {
    const [prod] = configs({ ...cdkJsonContext(), allowPlaceholders: true, stage: "prod" });
    expect(settingsOf(userSettings, prod!)).toMatchObject({
      production: true,
      natGateways: 2,
      vendorSecret: "prod/user-service/vendors",
      database: { readReplica: true, instanceType: "r7g.large" },
    });
  });

  it("names the context key of a missing or malformed setting", () => {
    expect(() => configs({ stage: "qa" })).toThrow("context stages.qa is missing");
    const settings = { ...placeholderSettings(), account: "123456789012", auth0: { issuer: "http://x" } };
    expect(() => parseStageConfig("qa", settings)).toThrow(/context stages\.qa\.auth0\.issuer: an https URL/);
    expect(() => parseStageConfig("qa", settings)).toThrow(/context stages\.qa\.auth0\.audience/);
    expect(() => parseStageConfig("Bad_Stage", placeholderSettings())).toThrow(/context stage: "Bad_Stage"/);
  });

  it("refuses placeholders unless allowPlaceholders is set, so nothing deploys one", () => {
    expect(() => configs({ stages: { dev: example.dev }, stage: "dev" })).toThrow(
      /context stages\.dev\.account is a placeholder/,
    );
    expect(configs({ stages: { dev: example.dev }, stage: "dev", allowPlaceholders: "true" })).toHaveLength(
      1,
    );
  });

  it("requires a named stage for a deploy", () => {
    expect(() => configs({ ...cdkJsonContext(), allowPlaceholders: true, requireStage: true })).toThrow(
      "context stage is required",
    );
  });

  it("merges a stages file over cdk.json", () => {
    const file = join(mkdtempSync(join(tmpdir(), "roster-stages-")), "stages.json");
    writeFileSync(file, JSON.stringify({ dev: { ...example.dev, logLevel: "DEBUG" } }));
    const [dev] = configs({ ...cdkJsonContext(), stagesFile: file, stage: "dev", allowPlaceholders: true });
    expect(dev).toMatchObject({ logLevel: "DEBUG", alarmEmail: "user-service-oncall@example.com" });
    expect(() => configs({ stagesFile: join(file, "missing") })).toThrow(/context stagesFile: cannot read/);
  });

  it("keeps infra/stages.example.json complete: every stage in it parses", () => {
    for (const [stage, settings] of Object.entries(example)) {
      expect(parseStageConfig(stage, settings).stage).toBe(stage);
    }
  });
});

describe("internal services' API Gateways", () => {
  it("grants on the API stage an execute-api URL names, in the stage's account", () => {
    const dev = users("dev", example.dev);
    expect(executeApiArn(dev, "transactions")).toBe(
      "arn:aws:execute-api:us-east-2:111111111111:placeholdertx/dev/*/*",
    );
    expect(membershipServicesRegion(dev)).toBe("us-east-2");
  });

  it("asks for executeApiArn when the URL is a custom domain", () => {
    const settings = structuredClone(example.dev);
    settings.internalApis.float.url = "https://float.example.com/v1";
    expect(() => executeApiArn(users("dev", settings), "float")).toThrow(
      "context stages.dev.internalApis.float.executeApiArn is required",
    );
  });

  it("refuses membership services signed for different regions (they share INTERNAL_API_REGION)", () => {
    const settings = structuredClone(example.dev);
    settings.internalApis.float.url = "https://abc.execute-api.us-west-2.amazonaws.com/dev";
    expect(() => membershipServicesRegion(users("dev", settings))).toThrow(/INTERNAL_API_REGION/);
  });

  it("signs the Subscription Service for its registered API's region (SUBSCRIPTION_API_REGION), not INTERNAL_API_REGION", () => {
    const config = users("dev", structuredClone(example.dev));
    expect(membershipServicesRegion(config)).toBe("us-east-2");
    const database = { secretArn: "arn", host: "proxy", readHost: undefined, name: "usermodel" };
    const env = apiEnvironment(config, {
      legacyRegion: "us-east-1",
      database,
      cleanupQueueUrl: "https://sqs.us-east-2.amazonaws.com/111111111111/dev-user-service-cleanup",
      iamPrincipals: "{}",
      paymentApi: { url: "https://pay.execute-api.us-east-2.amazonaws.com/dev/", region: "us-east-2" },
      subscriptionApi: { url: "https://sub.execute-api.us-west-2.amazonaws.com/dev/", region: "us-west-2" },
    });
    expect(env).toMatchObject({
      SUBSCRIPTION_API_URL: "https://sub.execute-api.us-west-2.amazonaws.com/dev/subscriptions",
      SUBSCRIPTION_API_REGION: "us-west-2",
      INTERNAL_API_REGION: "us-east-2",
    });
  });
});
