/**
 * The stacks of each stage the context selects (shared/stage.context.ts): in the stage's region the
 * stateful stack (data) and the stateless stack (code), in its legacy region the legacy tables.
 * `cdk deploy --all` deploys them in dependency order: legacy tables and data first, then the code.
 */
import { type App, Tags } from "aws-cdk-lib";
import type { StageConfig } from "./shared/stage.config.ts";
import { stageConfigsFromContext } from "./shared/stage.context.ts";
import { LegacyTablesStack } from "./users/legacy-tables.stack.ts";
import { StatefulStack } from "./users/stateful.stack.ts";
import { StatelessStack } from "./users/stateless.stack.ts";
import { userServiceName } from "./users/user-service.names.ts";
import { applyNagSuppressions } from "./users/users.nag.ts";

export interface RosterStage {
  readonly config: StageConfig;
  readonly legacyTables: LegacyTablesStack;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

export function addRosterStages(app: App): RosterStage[] {
  const bundleDir = (app.node.tryGetContext("bundleDir") as string | undefined) ?? "dist";
  return stageConfigsFromContext(app.node).map((config) => {
    const env = { account: config.account, region: config.region };
    const common = { config, terminationProtection: config.production };
    const legacyTables = new LegacyTablesStack(app, userServiceName(config, "legacy-tables"), {
      ...common,
      env: { account: config.account, region: config.legacyRegion },
      description: `Roster User Service (${config.stage}): legacy tables user-phone-numbers and user-balance-settings`,
    });
    const stateful = new StatefulStack(app, userServiceName(config, "stateful"), {
      ...common,
      env,
      description: `Roster User Service (${config.stage}): tables, streams, queues, bus, PostgreSQL`,
    });
    const stateless = new StatelessStack(app, userServiceName(config, "stateless"), {
      ...common,
      env,
      stateful,
      bundleDir,
      description: `Roster User Service (${config.stage}): functions, APIs, event source mappings, alarms`,
    });
    // The API reads and writes the legacy tables: they must exist before it is deployed.
    stateless.addStackDependency(
      legacyTables,
      "the API uses the legacy tables (granted by ARN, another region)",
    );
    for (const stack of [legacyTables, stateful, stateless]) {
      Tags.of(stack).add("roster:service", "user-service");
      Tags.of(stack).add("roster:stage", config.stage);
    }
    const stage = { config, legacyTables, stateful, stateless };
    applyNagSuppressions(stage);
    return stage;
  });
}
