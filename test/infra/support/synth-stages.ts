/**
 * Synthesizes the CDK app as `cdk synth` would (cdk.json's context, placeholders allowed), on the bundles
 * the test run builds once (`builtBundle`), and returns each stage's stacks and templates. One synthesis
 * per call: test files call it once, in `beforeAll`.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { App, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { addRosterStages, type RosterStage } from "../../../infra/lib/roster.app.ts";
import { SERVICES } from "../../../infra/lib/services.ts";
import type { RosterService } from "../../../infra/lib/shared/roster-service.ts";
import { UsersLegacyTablesStack } from "../../../infra/lib/users/legacy-tables.stack.ts";
import { UsersStatefulStack } from "../../../infra/lib/users/stateful.stack.ts";
import { UsersStatelessStack } from "../../../infra/lib/users/stateless.stack.ts";
import { builtBundle } from "../../support/build-bundles.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface SynthesizedStage extends RosterStage {
  readonly legacyTables: UsersLegacyTablesStack;
  readonly stateful: UsersStatefulStack;
  readonly stateless: UsersStatelessStack;
  /** Every stack's template, by stack name (`dev-user-service-stateful`). */
  readonly templatesByName: Record<string, Template>;
  /** The User Service's templates. */
  readonly templates: {
    readonly legacyTables: Template;
    readonly stateful: Template;
    readonly stateless: Template;
  };
}

export interface Synthesized {
  readonly app: App;
  readonly stages: Record<string, SynthesizedStage>;
}

/** cdk.json's context: the stages and feature flags the real app gets. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, "cdk.json"), "utf8")).context;
}

/** The directory holding `<entry>/index.mjs` for every entry of scripts/build.ts. */
export async function testBundleDir(): Promise<string> {
  return dirname(dirname(await builtBundle("users-api")));
}

export async function synthStages(
  context: Record<string, unknown> = {},
  services: readonly RosterService[] = SERVICES,
): Promise<Synthesized> {
  const app = new App({
    analyticsReporting: false,
    context: { ...cdkJsonContext(), allowPlaceholders: true, bundleDir: await testBundleDir(), ...context },
  });
  const stages = addRosterStages(app, services);
  const assembly = app.synth();
  const template = (stack: Stack) => Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
  return {
    app,
    stages: Object.fromEntries(
      stages.map((stage) => {
        const legacyTables = onlyStack(stage, UsersLegacyTablesStack);
        const stateful = onlyStack(stage, UsersStatefulStack);
        const stateless = onlyStack(stage, UsersStatelessStack);
        const synthesized: SynthesizedStage = {
          ...stage,
          legacyTables,
          stateful,
          stateless,
          templatesByName: Object.fromEntries(
            stage.stacks.map((stack) => [stack.stackName, template(stack)]),
          ),
          templates: {
            legacyTables: template(legacyTables),
            stateful: template(stateful),
            stateless: template(stateless),
          },
        };
        return [stage.config.stage, synthesized];
      }),
    ),
  };
}

/** The one stack of a class in a stage (a stage has at most one of each). */
export function onlyStack<T extends Stack>(
  stage: RosterStage,
  type: abstract new (...args: never[]) => T,
): T {
  const found = stage.stacks.filter((stack): stack is T => stack instanceof type);
  if (found.length !== 1)
    throw new Error(`${found.length} stacks ${type.name} in stage ${stage.config.stage}`);
  return found[0]!;
}

/** The short names of the User Service's functions (`{stage}-user-service-<name>`). */
export const FUNCTIONS = [
  "api",
  "auth0-authorizer",
  "payment-worker",
  "subscriptions",
  "kinesis-feeder",
  "cleanup",
  "soft-opt-ins",
  "usermodel-projector",
  "migrate",
];

type Resource = { Type: string; Properties: Record<string, unknown> } & Record<string, unknown>;

/** The resources of a type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The Lambda function named `{stage}-user-service-<name>`, with its logical id. */
export function lambdaNamed(template: Template, functionName: string): [string, Resource] {
  const found = Object.entries(resourcesOf(template, "AWS::Lambda::Function")).find(
    ([, fn]) => fn.Properties.FunctionName === functionName,
  );
  if (!found) throw new Error(`no function ${functionName} in the template`);
  return found;
}
