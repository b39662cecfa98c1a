/**
 * Each stream lives in the stack of the service that produces it: users in the User Service's, payments
 * and subscriptions in the Payment and Subscription Services' own (the start of their stacks), unless the
 * stage imports them by ARN. The User Service's workers read them by ARN, wherever they are.
 */
import { App } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { addRosterStages } from "../../infra/lib/roster.app.ts";
import { SERVICES } from "../../infra/lib/services.ts";
import { userService } from "../../infra/lib/users/users.service.ts";
import {
  cdkJsonContext,
  lambdaNamed,
  resourcesOf,
  type SynthesizedStage,
  synthStages,
  testBundleDir,
} from "./support/synth-stages.ts";

const PRODUCERS = [
  { stream: "payments", id: "PaymentsStream", service: "payment-service", worker: "payment-worker" },
  {
    stream: "subscriptions",
    id: "SubscriptionsStream",
    service: "subscription-service",
    worker: "subscriptions",
  },
].map((p) => ({ ...p, stack: `${p.service}-stateful` }));

const IMPORTED = {
  paymentsArn: "arn:aws:kinesis:us-east-2:222222222222:stream/shared-payments",
  subscriptionsArn: "arn:aws:kinesis:us-east-2:222222222222:stream/shared-subscriptions",
};

let stages: Record<string, SynthesizedStage>;
let imported: SynthesizedStage;

beforeAll(async () => {
  ({ stages } = await synthStages());
  const apis = {
    payments: {
      url: "https://pay222.execute-api.us-east-2.amazonaws.com/qa",
      executeApiArn: "arn:aws:execute-api:us-east-2:222222222222:pay222/qa",
    },
    subscriptions: {
      url: "https://sub222.execute-api.us-east-2.amazonaws.com/qa",
      executeApiArn: "arn:aws:execute-api:us-east-2:222222222222:sub222/qa",
    },
  };
  imported = (await synthStages({ stages: { qa: { streams: IMPORTED, apis } }, stage: "qa" })).stages.qa!;
});

/** The worker's event source mapping (logical id, stream ARN) and the resources its role may read. */
function readsOf(stage: SynthesizedStage, worker: string) {
  const template = stage.templates.stateless;
  const [fnId, fn] = lambdaNamed(template, `${stage.config.stage}-user-service-${worker}`);
  const mappings = Object.entries(resourcesOf(template, "AWS::Lambda::EventSourceMapping")).filter(
    ([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: fnId }),
  );
  expect(mappings).toHaveLength(1);
  const [mappingId, mapping] = mappings[0]!;
  const roleId = (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0];
  type Statement = { Action: string | string[]; Resource: unknown };
  const kinesis = Object.values(resourcesOf(template, "AWS::IAM::Policy"))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((s) => [s.Action].flat().some((action) => action.startsWith("kinesis:")));
  return { mappingId, source: mapping.Properties.EventSourceArn, resources: kinesis.map((s) => s.Resource) };
}

describe.each(["dev", "prod"])("%s: the producers' streams stacks", (name) => {
  it.each(PRODUCERS)("$stack holds the $stream stream: on demand, encrypted, two days, retained", (p) => {
    const stage = stages[name]!;
    const stack = stage.stacks.find((s) => s.stackName === `${name}-${p.stack}`)!;
    const template = stage.templatesByName[`${name}-${p.stack}`]!;

    expect(stack.terminationProtection).toBe(name === "prod");
    expect(stack.region).toBe("us-east-2");
    const types = Object.values(template.toJSON().Resources).map((r) => (r as { Type: string }).Type);
    // The Payment and Subscription Services' stateful stacks hold their databases too
    // (payments.test.ts, subscriptions.test.ts); one stream each.
    expect(types.filter((type) => type === "AWS::Kinesis::Stream")).toHaveLength(1);
    template.hasResource("AWS::Kinesis::Stream", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: {
        Name: `${name}-${p.stream}`,
        RetentionPeriodHours: 48,
        StreamEncryption: { EncryptionType: "KMS", KeyId: "alias/aws/kinesis" },
        StreamModeDetails: { StreamMode: "ON_DEMAND" },
        Tags: [
          { Key: "roster:service", Value: p.service },
          { Key: "roster:stage", Value: name },
        ],
      },
    });
  });

  it.each(PRODUCERS)(
    "the User Service's $worker reads $stream by the ARN its producer's stack exports",
    (p) => {
      const stage = stages[name]!;
      const producer = stage.templatesByName[`${name}-${p.stack}`]!;
      const [streamId] = Object.keys(resourcesOf(producer, "AWS::Kinesis::Stream"));
      type Output = { Export: { Name: string }; Value: unknown };
      const exported = Object.values(producer.toJSON().Outputs as Record<string, Output>).find(
        (output) => JSON.stringify(output.Value) === JSON.stringify({ "Fn::GetAtt": [streamId, "Arn"] }),
      )!;
      expect(exported.Export.Name.startsWith(`${name}-${p.stack}:`)).toBe(true);

      const byArn = { "Fn::ImportValue": exported.Export.Name };
      const reads = readsOf(stage, p.worker);
      expect(reads).toMatchObject({ source: byArn, resources: [byArn] });
      expect(stage.stateless.dependencies.map((s) => s.stackName)).toContain(`${name}-${p.stack}`);
      // The stream changed stacks, the mapping did not: its logical id is the one it had when the User
      // Service created the stream, so a deployment keeps it (and its place in the stream).
      const worker = p.worker.replace("-", "");
      expect(reads.mappingId).toMatch(
        new RegExp(
          `^Functions${worker}FunctionKinesisEventSource${name}userservicestateful${p.id}[0-9A-F]{16}$`,
        ),
      );
    },
  );
});

describe("streams a stage imports by ARN", () => {
  it("builds no stack for them and the workers read the imported ARN", () => {
    expect(imported.stacks.map((s) => s.stackName)).not.toContainEqual(
      expect.stringMatching(/payment-service|subscription-service/),
    );
    for (const p of PRODUCERS) {
      const arn = p.stream === "payments" ? IMPORTED.paymentsArn : IMPORTED.subscriptionsArn;
      expect(readsOf(imported, p.worker)).toMatchObject({ source: arn, resources: [arn] });
    }
  });
});

describe("the streams registry", () => {
  it("needs no order in the list of services: the templates are the same whatever it is", async () => {
    const reversed = (await synthStages({ stage: "dev" }, [...SERVICES].reverse())).stages.dev!;
    for (const [stack, template] of Object.entries(stages.dev!.templatesByName)) {
      expect(reversed.templatesByName[stack]!.toJSON(), stack).toEqual(template.toJSON());
    }
  });

  it("refuses a stage where a consumed stream has no producer, naming the stream and its consumer", async () => {
    const app = new App({
      context: {
        ...cdkJsonContext(),
        allowPlaceholders: true,
        bundleDir: await testBundleDir(),
        stage: "dev",
      },
    });
    expect(() => addRosterStages(app, [userService])).toThrow(
      /stream payments \(consumed by user-service\) is produced by no service of infra\/lib\/services.ts\nstream subscriptions/,
    );
  });
});
