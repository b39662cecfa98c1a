/**
 * The app composes services: each entry of infra/lib/services.ts builds its own stacks for every stage,
 * and the app tags them with the service and the stage.
 */
import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { describe, expect, it } from "vitest";
import { addRosterStages } from "../../infra/lib/roster.app.ts";
import type { RosterService } from "../../infra/lib/shared/roster-service.ts";
import { cdkJsonContext } from "./support/synth-stages.ts";

describe("the list of services", () => {
  it("builds every service for every stage, its stacks tagged with the service and the stage", () => {
    const probe: RosterService = {
      name: "probe-service",
      stacks: (app, config) => {
        const stack = new Stack(app, `${config.stage}-probe-service`, { env: { region: config.region } });
        new sqs.Queue(stack, "Queue");
        return [stack];
      },
    };
    // Only the common settings: the probe declares none, so the User Service's keys would be unknown.
    const stages = { dev: { region: "us-east-2" }, prod: { region: "us-east-2", production: true } };
    const app = new App({ context: { ...cdkJsonContext(), stages, allowPlaceholders: true } });

    const built = addRosterStages(app, [probe]);

    expect(built.map(({ config, stacks }) => [config.stage, stacks.map((s) => s.stackName)])).toEqual([
      ["dev", ["dev-probe-service"]],
      ["prod", ["prod-probe-service"]],
    ]);
    Template.fromStack(built[1]!.stacks[0]!).hasResourceProperties("AWS::SQS::Queue", {
      Tags: [
        { Key: "roster:service", Value: "probe-service" },
        { Key: "roster:stage", Value: "prod" },
      ],
    });
  });
});
