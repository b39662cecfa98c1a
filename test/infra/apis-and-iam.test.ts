import { beforeAll, describe, expect, it } from "vitest";
import { consoleOperatorPrincipals } from "./support/console-operators.ts";
import {
  FUNCTIONS,
  lambdaNamed,
  resourcesOf,
  type SynthesizedStage,
  synthStages,
} from "./support/synth-stages.ts";

let dev: SynthesizedStage;

beforeAll(async () => {
  dev = (await synthStages({ stage: "dev" })).stages.dev!;
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Every statement of the policies attached to a function's role. */
function statementsOf(functionName: string): Statement[] {
  const template = dev.templates.stateless;
  const [, fn] = lambdaNamed(template, `dev-user-service-${functionName}`);
  const roleId = (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0];
  return Object.values(resourcesOf(template, "AWS::IAM::Policy"))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actions = (statement: Statement) => [statement.Action].flat();

describe("stateless stack: APIs", () => {
  const apiId = (name: string) =>
    Object.entries(resourcesOf(dev.templates.stateless, "AWS::ApiGateway::RestApi")).find(
      ([, api]) => api.Properties.Name === name,
    )![0];
  const methodsOf = (name: string) =>
    Object.values(resourcesOf(dev.templates.stateless, "AWS::ApiGateway::Method")).filter(
      (method) => JSON.stringify(method.Properties.RestApiId) === JSON.stringify({ Ref: apiId(name) }),
    );

  it("legacy gateway: only POST /users/create, behind the Auth0 TOKEN authorizer", () => {
    const methods = methodsOf("dev-user-service-legacy-api");
    expect(methods).toHaveLength(1);
    expect(methods[0]!.Properties).toMatchObject({ HttpMethod: "POST", AuthorizationType: "CUSTOM" });
    const resources = Object.values(resourcesOf(dev.templates.stateless, "AWS::ApiGateway::Resource"))
      .filter((r) => JSON.stringify(r.Properties.RestApiId).includes(apiId("dev-user-service-legacy-api")))
      .map((r) => r.Properties.PathPart);
    expect(resources.sort()).toEqual(["create", "users"]);
    const [authorizerFn] = lambdaNamed(dev.templates.stateless, "dev-user-service-auth0-authorizer");
    dev.templates.stateless.hasResourceProperties("AWS::ApiGateway::Authorizer", {
      Type: "TOKEN",
      IdentitySource: "method.request.header.Authorization",
    });
    expect(JSON.stringify(resourcesOf(dev.templates.stateless, "AWS::ApiGateway::Authorizer"))).toContain(
      authorizerFn,
    );
  });

  it("internal gateway: every route (root and proxy, any method) with IAM authorization", () => {
    const methods = methodsOf("dev-user-service-api");
    expect(methods.length).toBeGreaterThanOrEqual(2);
    for (const method of methods) {
      expect(method.Properties).toMatchObject({ HttpMethod: "ANY", AuthorizationType: "AWS_IAM" });
    }
  });

  it("logs access as JSON on both stages", () => {
    for (const stage of Object.values(resourcesOf(dev.templates.stateless, "AWS::ApiGateway::Stage"))) {
      expect(stage.Properties).toMatchObject({
        StageName: "dev",
        AccessLogSetting: { DestinationArn: expect.anything(), Format: expect.stringContaining("requestId") },
        MethodSettings: [expect.objectContaining({ LoggingLevel: "ERROR", DataTraceEnabled: false })],
      });
    }
  });
});

describe("stateless stack: least privilege", () => {
  it("grants no wildcard action, and a `*` resource only for dynamodb:ListStreams", () => {
    for (const name of FUNCTIONS) {
      for (const statement of statementsOf(name)) {
        expect(actions(statement).filter((action) => action.includes("*"))).toEqual([]);
        if (statement.Resource === "*") expect(actions(statement)).toEqual(["dynamodb:ListStreams"]);
      }
    }
  });

  it("lets the API use its three tables by name (legacy ones in their region), their indexes for Query, no Scan", () => {
    const dynamodb = statementsOf("api").filter((s) => actions(s).some((a) => a.startsWith("dynamodb:")));
    expect(dynamodb).toEqual([
      expect.objectContaining({
        Action: [
          "dynamodb:BatchGetItem",
          "dynamodb:ConditionCheckItem",
          "dynamodb:DeleteItem",
          "dynamodb:GetItem",
          "dynamodb:PutItem",
          "dynamodb:Query",
          "dynamodb:UpdateItem",
        ],
        Resource: [
          "arn:aws:dynamodb:us-east-1:111111111111:table/dev-user-balance-settings",
          "arn:aws:dynamodb:us-east-1:111111111111:table/dev-user-phone-numbers",
          "arn:aws:dynamodb:us-east-2:111111111111:table/dev-user-service-users",
        ],
      }),
      expect.objectContaining({
        Action: "dynamodb:Query",
        Resource: [
          "arn:aws:dynamodb:us-east-1:111111111111:table/dev-user-phone-numbers/index/phone_number-index",
          "arn:aws:dynamodb:us-east-2:111111111111:table/dev-user-service-users/index/GSI1",
          "arn:aws:dynamodb:us-east-2:111111111111:table/dev-user-service-users/index/GSI2",
        ],
      }),
    ]);
  });

  it("lets the cleanup worker read the users table only", () => {
    const dynamodb = statementsOf("cleanup")
      .flatMap(actions)
      .filter((a) => a.startsWith("dynamodb:"));
    expect(new Set(dynamodb)).toEqual(
      new Set(["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"]),
    );
  });

  it("lets the payment worker invoke POST /{user_id}/user/ban on the internal API, and maps its role in IAM_PRINCIPALS", () => {
    const invoke = statementsOf("payment-worker").filter((s) => actions(s).includes("execute-api:Invoke"));
    expect(invoke).toHaveLength(1);
    expect(JSON.stringify(invoke[0]!.Resource)).toMatch(/\/dev\/POST\/\*\/user\/ban"/);
    const roleName = "dev-user-service-payment-worker-us-east-2";
    dev.templates.stateless.hasResourceProperties("AWS::IAM::Role", { RoleName: roleName });
    const [, api] = lambdaNamed(dev.templates.stateless, "dev-user-service-api");
    const principals = JSON.parse(
      (api.Properties.Environment as { Variables: { IAM_PRINCIPALS: string } }).Variables.IAM_PRINCIPALS,
    );
    expect(principals).toEqual({
      [`arn:aws:sts::111111111111:assumed-role/${roleName}/`]: "service:payment-worker",
      // Admitted through the stage's API registry (subscriptions.test.ts).
      "arn:aws:sts::111111111111:assumed-role/dev-subscription-service-billing-run-us-east-2/":
        "service:subscription-service",
      // The console's operator roles, each session the operator it names (console.test.ts).
      ...consoleOperatorPrincipals("dev"),
    });
  });

  it("lets the feeder put records on the users stream only, and the workers read only their own stream", () => {
    const kinesis = (name: string) =>
      statementsOf(name).filter((s) => actions(s).some((a) => a.startsWith("kinesis:")));
    expect(kinesis("kinesis-feeder")).toEqual([
      expect.objectContaining({
        Action: ["kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords"],
        Resource: { "Fn::ImportValue": expect.stringContaining("UsersStream") },
      }),
    ]);
    expect(JSON.stringify(kinesis("payment-worker").map((s) => s.Resource))).toContain("PaymentsStream");
    expect(JSON.stringify(kinesis("subscriptions").map((s) => s.Resource))).toContain("SubscriptionsStream");
    for (const name of ["api", "cleanup", "usermodel-projector", "migrate", "auth0-authorizer"]) {
      expect(kinesis(name)).toEqual([]);
    }
  });

  it("lets only the database's clients read the database secret", () => {
    const readers = FUNCTIONS.filter((name) =>
      statementsOf(name).some((s) => actions(s).includes("secretsmanager:GetSecretValue")),
    );
    expect(readers.sort()).toEqual(["api", "migrate", "usermodel-projector"]);
  });
});
