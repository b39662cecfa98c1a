/**
 * The operator console's stacks in one stage: its stateful stack (the console table, its secrets) and
 * its stateless stack (the Lambda, the operator roles, CloudFront and the static files' bucket). It
 * serves no API and produces no stream: it calls the four services' APIs (each admits the three
 * operator roles' sessions as `operator:*` in its IAM_PRINCIPALS) and reads three streams, all through
 * the stage's registries, and peeks and redrives every dead-letter queue they register, so its stacks
 * deploy after theirs.
 */
import { SESSION_OPERATOR } from "../../../src/platform/config/iam-principals.config.ts";
import type { RosterService, SharedResources } from "../shared/roster-service.ts";
import { partitionOf } from "../shared/stage.config.ts";
import { settingsOf } from "../shared/stage.settings.ts";
import { applyConsoleNag } from "./console.nag.ts";
import { CONSOLE_SERVICE, consoleName, operatorRoleName } from "./console.names.ts";
import { type ConsoleConfig, consoleSettings } from "./console.settings.ts";
import { CONSOLE_APIS, type ConsoleApi, OPERATOR_ROLE_NAMES } from "./operator-routes.ts";
import { ConsoleStatefulStack } from "./stateful.stack.ts";
import { ConsoleStatelessStack, TAILED_STREAMS, type TailedStream } from "./stateless.stack.ts";

export const consoleService: RosterService = {
  name: CONSOLE_SERVICE,
  settings: consoleSettings,
  stacks(app, stageConfig, shared) {
    const config = settingsOf(consoleSettings, stageConfig);
    const env = { account: config.account, region: config.region };
    const common = { config, env, terminationProtection: config.production };
    admitOperatorRoles(config, shared);
    const stateful = new ConsoleStatefulStack(app, consoleName(config, "stateful"), {
      ...common,
      description: `Roster operator console (${config.stage}): the console table, its secrets`,
    });
    const apis = Object.fromEntries(
      CONSOLE_APIS.map((name) => [
        name,
        {
          url: shared.apis.urlOf(name, CONSOLE_SERVICE),
          region: shared.apis.regionOf(name, CONSOLE_SERVICE),
        },
      ]),
    ) as Record<ConsoleApi, { url: string; region: string }>;
    const stateless = new ConsoleStatelessStack(app, consoleName(config, "stateless"), {
      ...common,
      stateful,
      bundleDir: shared.bundleDir,
      apis,
      executeApiArn: (route) =>
        shared.apis.executeApiArn(route.api, CONSOLE_SERVICE, route.method, route.path),
      streamArns: Object.fromEntries(
        TAILED_STREAMS.map((name) => [name, shared.streams.arnOf(name, CONSOLE_SERVICE)]),
      ) as Record<TailedStream, string>,
      deadLetters: shared.deadLetters,
      description: `Roster operator console (${config.stage}): the Lambda, operator roles, CloudFront, static files`,
    });
    applyConsoleNag(shared.apis, config, stateful, stateless);
    return [stateful, stateless];
  },
};

/**
 * Each API the console calls maps the sessions of the three operator roles to the operator they name
 * (`operator:*`): by the roles' fixed names, so no API's stack refers to the console's.
 */
function admitOperatorRoles(config: ConsoleConfig, shared: SharedResources): void {
  for (const api of CONSOLE_APIS)
    for (const role of OPERATOR_ROLE_NAMES)
      shared.apis.admit(
        api,
        CONSOLE_SERVICE,
        `arn:${partitionOf(config.region)}:sts::${config.account}:assumed-role/${operatorRoleName(config, role)}/`,
        SESSION_OPERATOR,
      );
}
