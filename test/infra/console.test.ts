/**
 * The console's stacks: its table, the private bucket behind CloudFront's origin access control, the
 * distribution's two behaviours, the function URL, the three operator roles (who may assume them, what
 * each may call), the Lambda's environment as its config schema parses it, and the stage's dead-letter
 * queues it peeks and redrives.
 */
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { ASSETS_PATH, ORIGIN_SECRET_HEADER } from "../../infra/lib/console/edge.construct.ts";
import { OPERATOR_ROUTES, type OperatorRoleName } from "../../infra/lib/console/operator-routes.ts";
import { serviceOf } from "../../src/console/adapters/aws/service-api.routing.ts";
import { memberActionRequest } from "../../src/console/adapters/http/member-action.requests.ts";
import { ORIGIN_SECRET_HEADER as APP_ORIGIN_SECRET_HEADER } from "../../src/console/api/behind-cloudfront.app.ts";
import { type ActionInput, MEMBER_ACTIONS } from "../../src/console/domain/member-action.ts";
import { OPERATOR_ROLES } from "../../src/console/domain/operator.ts";
import { CONSOLE_ASSETS_PATH } from "../../src/console/ui/assets.ts";
import { consoleAwsConfigSchema } from "../../src/console/wiring/config/console-aws.config.ts";
import { consoleOperatorPrincipals } from "./support/console-operators.ts";
import { stageIntrinsics } from "./support/stage-intrinsics.ts";
import { lambdaNamed, resourcesOf, type SynthesizedStage, synthStages } from "./support/synth-stages.ts";

/** CloudFront's managed policies, by their documented ids. */
const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
const ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
const CERTIFICATE = "arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-aaaa-bbbb-cccc-111122223333";

let dev: SynthesizedStage;
let aliased: SynthesizedStage;
const stateful = () => dev.templatesByName["dev-console-stateful"]!;
const stateless = () => dev.templatesByName["dev-console-stateless"]!;

beforeAll(async () => {
  dev = (await synthStages({ stage: "dev" })).stages.dev!;
  aliased = (
    await synthStages({
      stages: {
        qa: {
          console: {
            publicOrigin: "https://console.qa.roster.test",
            certificateArn: CERTIFICATE,
            auth0: { issuer: "https://placeholder-roster.auth0.test/", clientId: "placeholder-client" },
          },
        },
      },
      stage: "qa",
    })
  ).stages.qa!;
});

type Json = Record<string, unknown>;
const only = (template: Template, type: string): Json => {
  const found = Object.values(resourcesOf(template, type));
  expect(found, type).toHaveLength(1);
  return found[0]!.Properties;
};
const distributionConfig = (template: Template) =>
  only(template, "AWS::CloudFront::Distribution").DistributionConfig as Json;
const logicalIdOf = (template: Template, type: string, match: (properties: Json) => boolean) =>
  Object.entries(resourcesOf(template, type)).find(([, resource]) => match(resource.Properties))?.[0];

describe("the console's table", () => {
  it("is the console spec's: TTL on `ttl`, point-in-time recovery, retained", () => {
    const table = Object.values(resourcesOf(stateful(), "AWS::DynamoDB::Table"))[0]!;
    expect(table.Properties).toMatchObject({
      TableName: "dev-console",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    // Encrypted at rest with DynamoDB's AWS owned key, the default (TableFromSpec).
    expect(table.Properties.SSESpecification).toBeUndefined();
    expect(table.DeletionPolicy).toBe("Retain");
  });
});

describe("the static files' bucket", () => {
  it("is private and read by CloudFront only, through its origin access control", () => {
    expect(only(stateless(), "AWS::S3::Bucket")).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    const statements = (only(stateless(), "AWS::S3::BucketPolicy").PolicyDocument as { Statement: Json[] })
      .Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
    const reads = statements.filter((s) => s.Effect === "Allow");
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      Action: "s3:GetObject",
      Principal: { Service: "cloudfront.amazonaws.com" },
    });
    expect(JSON.stringify(reads[0]!.Condition)).toContain("AWS:SourceArn");
    expect(only(stateless(), "AWS::CloudFront::OriginAccessControl")).toMatchObject({
      OriginAccessControlConfig: { OriginAccessControlOriginType: "s3", SigningBehavior: "always" },
    });
    expect(only(stateless(), "Custom::CDKBucketDeployment")).toMatchObject({
      DestinationBucketKeyPrefix: "console/assets/",
      DistributionPaths: ["/console/assets/*"],
    });
  });
});

describe("the distribution", () => {
  it("sends everything to the function URL uncached, with every viewer header but Host and the origin secret", () => {
    expect(APP_ORIGIN_SECRET_HEADER).toBe(ORIGIN_SECRET_HEADER);
    const config = distributionConfig(stateless());
    const behaviour = config.DefaultCacheBehavior as Json;
    expect(behaviour).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ViewerProtocolPolicy: "redirect-to-https",
      AllowedMethods: expect.arrayContaining(["GET", "POST", "PUT", "DELETE"]),
      FunctionAssociations: [expect.objectContaining({ EventType: "viewer-request" })],
    });
    const origin = (config.Origins as Json[]).find((o) => o.Id === behaviour.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain("FunctionUrl");
    expect(origin.OriginCustomHeaders).toEqual([
      {
        HeaderName: "x-roster-origin-verify",
        HeaderValue: "{{resolve:secretsmanager:dev/console/origin-verify:SecretString:::}}",
      },
    ]);
    const code = String(only(stateless(), "AWS::CloudFront::Function").FunctionCode);
    expect(code).toContain('request.headers["x-forwarded-host"] = { value: request.headers.host.value }');
  });

  it("serves /console/assets/* from the bucket, cached", () => {
    expect(ASSETS_PATH).toBe(CONSOLE_ASSETS_PATH);
    const config = distributionConfig(stateless());
    const [assets, ...more] = config.CacheBehaviors as Json[];
    expect(more).toEqual([]);
    expect(assets).toMatchObject({
      PathPattern: "/console/assets/*",
      CachePolicyId: CACHING_OPTIMIZED,
      AllowedMethods: ["GET", "HEAD"],
    });
    const origin = (config.Origins as Json[]).find((o) => o.Id === assets!.TargetOriginId)!;
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(JSON.stringify(origin.DomainName)).toContain("RegionalDomainName");
  });

  it("takes console.publicOrigin's host as its alias with the certificate, TLS 1.2 at least", () => {
    const config = distributionConfig(aliased.templatesByName["qa-console-stateless"]!);
    expect(config.Aliases).toEqual(["console.qa.roster.test"]);
    expect(config.ViewerCertificate).toMatchObject({
      AcmCertificateArn: CERTIFICATE,
      MinimumProtocolVersion: "TLSv1.2_2021",
      SslSupportMethod: "sni-only",
    });
    expect(distributionConfig(stateless()).Aliases).toBeUndefined();
  });
});

describe("the console's Lambda", () => {
  it("is behind a function URL of auth type NONE (CloudFront's secret header is checked by the app)", () => {
    expect(only(stateless(), "AWS::Lambda::Url")).toMatchObject({ AuthType: "NONE" });
  });

  it("has the environment its config schema parses, every secret by ARN and none in the template", () => {
    const [, fn] = lambdaNamed(stateless(), "dev-console-backend");
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const deployed: Record<string, string> = { AWS_REGION: "us-east-2" };
    const resolved = (name: string) =>
      name.endsWith("_SECRET_ARN")
        ? `arn:aws:secretsmanager:us-east-2:111111111111:secret:dev/console/${name.toLowerCase()}-AbCdEf`
        : name.endsWith("_ROLE_ARN")
          ? `arn:aws:iam::111111111111:role/dev-console-${name.split("_")[1]!.toLowerCase()}`
          : name.endsWith("_API_URL")
            ? `https://abc123.execute-api.us-east-2.amazonaws.com/dev/`
            : `dev-${name.toLowerCase()}`;
    const intrinsics = stageIntrinsics(dev.templatesByName, dev.config);
    for (const [name, value] of Object.entries(variables))
      if (!name.startsWith("POWERTOOLS_") && name !== "NODE_OPTIONS")
        deployed[name] =
          typeof value === "string"
            ? value
            : name === "CONSOLE_DEAD_LETTER_QUEUES"
              ? String(intrinsics.resolve("dev-console-stateless", value))
              : resolved(name);
    const parsed = consoleAwsConfigSchema.strict().safeParse(deployed);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // Lambda refuses more than 4 KB of environment (names and values); AWS_REGION is Lambda's own.
    const { AWS_REGION: _, ...ours } = deployed;
    const size = Object.entries({ ...variables, ...ours }).reduce(
      (total, [name, value]) => total + name.length + String(typeof value === "string" ? value : "").length,
      0,
    );
    expect(size).toBeLessThan(4096);
    expect(JSON.stringify(variables.CONSOLE_AUTH0_SECRET_ARN)).toContain("dev-console-stateful");
    expect(JSON.stringify(variables)).not.toContain("resolve:secretsmanager");
  });

  it("alarms on its errors and throttles, to the console's topic", () => {
    const alarms = Object.values(resourcesOf(stateless(), "AWS::CloudWatch::Alarm")).map(
      (alarm) => alarm.Properties.AlarmName,
    );
    expect(alarms.sort()).toEqual(["dev-console-backend-errors", "dev-console-backend-throttles"]);
    expect(only(stateless(), "AWS::SNS::Topic")).toMatchObject({ TopicName: "dev-console-alarms" });
  });

  it("may use the table, read its two secrets, assume the three operator roles and read the three streams", () => {
    const roleId = logicalIdOf(stateless(), "AWS::IAM::Role", (p) =>
      JSON.stringify(p.AssumeRolePolicyDocument).includes("lambda.amazonaws.com"),
    );
    const policy = Object.values(resourcesOf(stateless(), "AWS::IAM::Policy")).find((p) =>
      JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
    )!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement;
    const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
    expect(actions).toEqual(
      expect.arrayContaining([
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "secretsmanager:GetSecretValue",
        "sts:AssumeRole",
        "kinesis:GetRecords",
      ]),
    );
    expect(actions.filter((a) => a.includes("*"))).toEqual([]);
    const assume = statements.find((s) => s.Action === "sts:AssumeRole")!;
    expect(assume.Resource).toHaveLength(3);
    const kinesis = statements.find((s) => JSON.stringify(s.Action).includes("kinesis"))!;
    for (const stream of ["UsersStream", "PaymentsStream", "SubscriptionsStream"])
      expect(JSON.stringify(kinesis.Resource)).toContain(stream);
    expect(kinesis.Resource).toHaveLength(3);
  });
});

describe("the operator roles", () => {
  const roleOf = (name: OperatorRoleName) =>
    Object.entries(resourcesOf(stateless(), "AWS::IAM::Role")).find(
      ([, role]) => role.Properties.RoleName === `dev-console-${name}`,
    )!;
  const invokeResources = (name: OperatorRoleName): string[] => {
    const [id] = roleOf(name);
    const policy = Object.values(resourcesOf(stateless(), "AWS::IAM::Policy")).find((p) =>
      JSON.stringify(p.Properties.Roles).includes(`"${id}"`),
    )!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement;
    expect(statements.map((s) => s.Action)).toEqual(["execute-api:Invoke"]);
    return (statements[0]!.Resource as unknown[]).map((resource) => JSON.stringify(resource));
  };

  it("are assumable only by the console Lambda's role", () => {
    const lambdaRole = logicalIdOf(stateless(), "AWS::IAM::Role", (p) =>
      JSON.stringify(p.AssumeRolePolicyDocument).includes("lambda.amazonaws.com"),
    );
    for (const name of OPERATOR_ROLES) {
      const [, role] = roleOf(name);
      expect(role.Properties.AssumeRolePolicyDocument).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Action: "sts:AssumeRole",
            Effect: "Allow",
            Principal: { AWS: { "Fn::GetAtt": [lambdaRole, "Arn"] } },
          },
        ],
      });
    }
  });

  it("let support only GET, on each of the four APIs", () => {
    const support = invokeResources("support");
    expect(support).toHaveLength(4);
    for (const resource of support) expect(resource).toMatch(/\/dev\/GET\/\*"\]\]\}$/);
    for (const api of [
      "dev-user-service-api-id",
      "dev-payment-service-api-id",
      "dev-subscription-service-api-id",
    ])
      expect(support.join()).toContain(api);
    expect(invokeResources("mx").some((r) => r.includes("/POST/"))).toBe(true);
  });

  it("grant each console action's call to its role and the higher ones, never to a lower one", () => {
    const inputs: Record<string, ActionInput> = {
      pause: { action: "pause", months: 1 },
      unpause: { action: "unpause", charge: false },
      "add-tag": { action: "add-tag", tag: "*", value: "x" },
      "archive-tag": { action: "archive-tag", tag: "*" },
      refund: { action: "refund", confirmationId: "*", amountCents: undefined },
      revalidate: { action: "revalidate", subscriptionId: "*" },
    };
    const rank = (role: OperatorRoleName) => OPERATOR_ROLES.indexOf(role);
    for (const [action, { role }] of Object.entries(MEMBER_ACTIONS)) {
      const input = inputs[action] ?? ({ action } as ActionInput);
      const call = memberActionRequest("*", input, "why", "key");
      const route = { api: serviceOf(call.path), method: call.method, path: call.path };
      for (const holder of OPERATOR_ROLES)
        expect(
          OPERATOR_ROUTES[holder].some((r) => JSON.stringify(r) === JSON.stringify(route)),
          `${holder} ${action}`,
        ).toBe(rank(holder) >= rank(role));
    }
  });

  it("are mapped to operator:* in each service API's IAM_PRINCIPALS", () => {
    for (const [stack, name] of [
      ["dev-user-service-stateless", "dev-user-service-api"],
      ["dev-payment-service-stateless", "dev-payment-service-api"],
      ["dev-subscription-service-stateless", "dev-subscription-service-api"],
      ["dev-purchase-service-stateless", "dev-purchase-service-api"],
    ] as const) {
      const [, fn] = lambdaNamed(dev.templatesByName[stack]!, name);
      const variables = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(JSON.parse(variables.IAM_PRINCIPALS!), name).toMatchObject(consoleOperatorPrincipals("dev"));
    }
  });
});

describe("the dead-letter queues the console reads", () => {
  const intrinsics = () => stageIntrinsics(dev.templatesByName, dev.config);
  const listed = () => {
    const [, fn] = lambdaNamed(stateless(), "dev-console-backend");
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const json = intrinsics().resolve("dev-console-stateless", variables.CONSOLE_DEAD_LETTER_QUEUES);
    return consoleAwsConfigSchema.shape.CONSOLE_DEAD_LETTER_QUEUES.parse(json);
  };
  /** Every queue of the stage that is a dead-letter or on-failure queue, by its name. */
  const deadLetterQueues = () =>
    [...intrinsics().queues.entries()].filter(([name]) => /-(dlq|failures)(\.fifo)?$/.test(name));
  /** The queue whose redrive policy sends to `arn`, if any. */
  const sourceOf = (arn: string) => {
    const { queues, resolve } = intrinsics();
    return [...queues.values()].find(
      (queue) =>
        resolve(queue.stack, (queue.properties.RedrivePolicy as Json | undefined)?.deadLetterTargetArn) ===
        arn,
    )?.arn;
  };
  const sqsStatements = () => {
    const roleId = logicalIdOf(stateless(), "AWS::IAM::Role", (p) =>
      JSON.stringify(p.AssumeRolePolicyDocument).includes("lambda.amazonaws.com"),
    );
    const policies = Object.values(resourcesOf(stateless(), "AWS::IAM::Policy")).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
    );
    return policies
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement)
      .filter((statement) => JSON.stringify(statement.Action).includes("sqs:"))
      .map((statement) => ({
        actions: [statement.Action].flat().map(String).sort(),
        resources: ([statement.Resource].flat() as unknown[])
          .map((resource) => String(intrinsics().resolve("dev-console-stateless", resource)))
          .sort(),
      }));
  };

  it("are every dead-letter and on-failure queue of the stage, each with the queue it drains", () => {
    const queues = listed();
    expect(queues.map((queue) => queue.name).sort()).toEqual(
      deadLetterQueues()
        .map(([name]) => name)
        .sort(),
    );
    expect(queues.length).toBeGreaterThanOrEqual(10);
    for (const queue of queues) {
      const deployed = intrinsics().queues.get(queue.name)!;
      expect(queue.arn).toBe(deployed.arn);
      expect(queue.url).toBe(`https://sqs.us-east-2.amazonaws.com/${dev.config.account}/${queue.name}`);
      expect(queue.kind, queue.name).toBe(queue.name.endsWith("-failures") ? "stream" : "queue");
      expect(queue.sourceArn, queue.name).toBe(sourceOf(queue.arn));
    }
    // The User Service's cleanup dead-letter queue goes back to the cleanup queue; the schedules' have no queue.
    const byName = new Map(queues.map((queue) => [queue.name, queue]));
    expect(byName.get("dev-user-service-cleanup-dlq")?.sourceArn).toMatch(/:dev-user-service-cleanup$/);
    expect(byName.get("dev-purchase-service-schedules-dlq")?.sourceArn).toBeUndefined();
  });

  it("may peek every one, redrive those with a source back to it, and nothing else of SQS", () => {
    const queues = listed();
    const redrivable = queues.filter((queue) => queue.sourceArn !== undefined);
    expect(redrivable.length).toBeGreaterThanOrEqual(4);
    expect(sqsStatements()).toEqual([
      {
        actions: ["sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
        resources: queues.map((q) => q.arn).sort(),
      },
      {
        actions: ["sqs:DeleteMessage", "sqs:ListMessageMoveTasks", "sqs:StartMessageMoveTask"],
        resources: redrivable.map((q) => q.arn).sort(),
      },
      { actions: ["sqs:SendMessage"], resources: redrivable.map((q) => q.sourceArn!).sort() },
    ]);
  });
});
