/**
 * The User Service's stacks in one stage: in the stage's region the stateful stack (data) and the
 * stateless stack (code), in its legacy region the legacy tables. `cdk deploy --all` deploys them in
 * dependency order: legacy tables and data first, then the code.
 */
import type { RosterService } from "../shared/roster-service.ts";
import { settingsOf } from "../shared/stage.settings.ts";
import { UsersLegacyTablesStack } from "./legacy-tables.stack.ts";
import { UsersStatefulStack } from "./stateful.stack.ts";
import { UsersStatelessStack } from "./stateless.stack.ts";
import { USER_SERVICE, userServiceName } from "./user-service.names.ts";
import { applyNagSuppressions } from "./users.nag.ts";
import { userSettings } from "./users.settings.ts";

export const userService: RosterService = {
  name: USER_SERVICE,
  settings: userSettings,
  stacks(app, stageConfig, shared) {
    const config = settingsOf(userSettings, stageConfig);
    const env = { account: config.account, region: config.region };
    const common = { config, terminationProtection: config.production };
    const legacyTables = new UsersLegacyTablesStack(app, userServiceName(config, "legacy-tables"), {
      ...common,
      env: { account: config.account, region: config.legacyRegion },
      description: `Roster User Service (${config.stage}): legacy tables user-phone-numbers and user-balance-settings`,
    });
    const stateful = new UsersStatefulStack(app, userServiceName(config, "stateful"), {
      ...common,
      env,
      consumes: {
        paymentsArn: shared.streams.arnOf("payments", USER_SERVICE),
        subscriptionsArn: shared.streams.arnOf("subscriptions", USER_SERVICE),
      },
      description: `Roster User Service (${config.stage}): tables, streams, queues, bus, PostgreSQL`,
    });
    shared.streams.register("users", stateful.usersStream.streamArn);
    const stateless = new UsersStatelessStack(app, userServiceName(config, "stateless"), {
      ...common,
      env,
      stateful,
      bundleDir: shared.bundleDir,
      description: `Roster User Service (${config.stage}): functions, APIs, event source mappings, alarms`,
    });
    // The API reads and writes the legacy tables: they must exist before it is deployed.
    stateless.addStackDependency(
      legacyTables,
      "the API uses the legacy tables (granted by ARN, another region)",
    );
    applyNagSuppressions(config, stateful, stateless);
    return [legacyTables, stateful, stateless];
  },
};
