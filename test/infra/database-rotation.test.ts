/**
 * The database secret rotates (single user, every 30 days) by Secrets Manager's hosted function, which
 * can reach both the primary and Secrets Manager's API.
 */
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { resourcesOf, type SynthesizedStage, synthStages } from "./support/synth-stages.ts";

let stages: Record<string, SynthesizedStage>;

beforeAll(async () => {
  ({ stages } = await synthStages());
});

/** The logical id of the resource of a type whose properties match. */
function idOf(
  stage: SynthesizedStage,
  type: string,
  matches: (properties: Record<string, unknown>) => boolean,
) {
  const found = Object.entries(resourcesOf(stage.templates.stateful, type)).find(([, resource]) =>
    matches(resource.Properties),
  );
  if (!found) throw new Error(`no ${type} as expected`);
  return found[0];
}

/** The 0.0.0.0/0 route of a subnet's route table: to a NAT gateway, an internet gateway, or none. */
function defaultRouteOf(stage: SynthesizedStage, subnet: string): Record<string, unknown> | undefined {
  const template = stage.templates.stateful;
  const association = Object.values(resourcesOf(template, "AWS::EC2::SubnetRouteTableAssociation")).find(
    (a) => JSON.stringify(a.Properties.SubnetId) === JSON.stringify({ Ref: subnet }),
  );
  const routeTable = JSON.stringify(association?.Properties.RouteTableId);
  return Object.values(resourcesOf(template, "AWS::EC2::Route")).find(
    (route) =>
      JSON.stringify(route.Properties.RouteTableId) === routeTable &&
      route.Properties.DestinationCidrBlock === "0.0.0.0/0",
  )?.Properties;
}

describe.each(["dev", "prod"])("%s: database secret rotation", (name) => {
  let stage: SynthesizedStage;
  beforeAll(() => {
    stage = stages[name]!;
  });
  const groupId = (id: string) => ({ "Fn::GetAtt": [id, "GroupId"] });

  it("rotates the secret attached to the database every 30 days, single user, not mid-deployment", () => {
    const attachment = idOf(
      stage,
      "AWS::SecretsManager::SecretTargetAttachment",
      (p) => p.TargetType === "AWS::RDS::DBInstance",
    );
    const secret = Object.values(resourcesOf(stage.templates.stateful, "AWS::SecretsManager::Secret")).find(
      (s) => s.Properties.Name === `${name}/user-service/database`,
    )!;
    const generated = secret.Properties.GenerateSecretString as { ExcludeCharacters: string };

    stage.templates.stateful.resourceCountIs("AWS::SecretsManager::RotationSchedule", 1);
    stage.templates.stateful.hasResourceProperties("AWS::SecretsManager::RotationSchedule", {
      SecretId: { Ref: attachment },
      HostedRotationLambda: Match.objectLike({
        RotationType: "PostgreSQLSingleUser",
        RotationLambdaName: `${name}-user-service-database-rotation`,
        // New passwords avoid the characters the first one did.
        ExcludeCharacters: generated.ExcludeCharacters,
      }),
      RotationRules: { ScheduleExpression: "rate(30 days)" },
      RotateImmediatelyOnUpdate: false,
    });
    expect(stage.templates.stateful.toJSON().Transform).toBe("AWS::SecretsManager-2024-09-16");
  });

  it("runs the rotation function in the subnets with a NAT, reaching the primary on 5432 and HTTPS out", () => {
    const template = stage.templates.stateful;
    const rotationGroup = idOf(stage, "AWS::EC2::SecurityGroup", (p) =>
      String(p.GroupDescription).startsWith("Rotation function"),
    );
    const primaryGroup = idOf(stage, "AWS::EC2::SecurityGroup", (p) =>
      String(p.GroupDescription).startsWith("usermodel primary"),
    );
    const [schedule] = Object.values(resourcesOf(template, "AWS::SecretsManager::RotationSchedule"));
    const lambda = schedule!.Properties.HostedRotationLambda as Record<string, unknown>;

    expect(lambda.VpcSecurityGroupIds).toEqual(groupId(rotationGroup));
    const subnets = [...JSON.stringify(lambda.VpcSubnetIds).matchAll(/"Ref":"(\w+)"/g)].map((m) => m[1]!);
    expect(subnets).toHaveLength(2);
    for (const subnet of subnets) expect(defaultRouteOf(stage, subnet)).toHaveProperty("NatGatewayId");
    template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", {
      GroupId: groupId(primaryGroup),
      SourceSecurityGroupId: groupId(rotationGroup),
      FromPort: 5432,
      ToPort: 5432,
    });
    template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", {
      GroupId: groupId(rotationGroup),
      DestinationSecurityGroupId: groupId(primaryGroup),
      FromPort: 5432,
    });
    template.hasResourceProperties("AWS::EC2::SecurityGroup", {
      GroupDescription: "Rotation function of the usermodel secret",
      SecurityGroupEgress: [
        { CidrIp: "0.0.0.0/0", FromPort: 443, ToPort: 443, IpProtocol: "tcp", Description: Match.anyValue() },
      ],
    });
  });
});
