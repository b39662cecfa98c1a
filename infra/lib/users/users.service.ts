/**
 * The User Service's stacks in one stage: in the stage's region the stateful stack (data) and the
 * stateless stack (code), in its legacy region the legacy tables. `cdk deploy --all` deploys them in
 * dependency order: legacy tables and data first, then the code.
 */
import { Fn } from "aws-cdk-lib";
import { SOFT_OPT_IN_QUEUE } from "../../../src/contracts/purchases/soft-opt-in.message.ts";
import type { RosterService, SharedResources } from "../shared/roster-service.ts";
import { partitionOf } from "../shared/stage.config.ts";
import { settingsOf } from "../shared/stage.settings.ts";
import type { CalledApi } from "./functions.construct.ts";
import { UsersLegacyTablesStack } from "./legacy-tables.stack.ts";
import { UsersStatefulStack } from "./stateful.stack.ts";
import { UsersStatelessStack } from "./stateless.stack.ts";
import { PAYMENT_ROUTES, SUBSCRIPTION_ROUTES, USER_SERVICE, userServiceName } from "./user-service.names.ts";
import { applyNagSuppressions } from "./users.nag.ts";
import { type UsersConfig, userSettings } from "./users.settings.ts";

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
    // Named up front, so the services it calls can map it (IAM_PRINCIPALS) before it exists.
    const apiRoleName = `${userServiceName(config, "api")}-${config.region}`;
    const stateless = new UsersStatelessStack(app, userServiceName(config, "stateless"), {
      ...common,
      env,
      stateful,
      bundleDir: shared.bundleDir,
      apiRoleName,
      paymentApi: calledApi(config, shared, "payments", apiRoleName, PAYMENT_ROUTES),
      subscriptionApi: calledApi(config, shared, "subscriptions", apiRoleName, SUBSCRIPTION_ROUTES),
      callers: () => shared.apis.callersOf("users"),
      softOptInQueueArn: shared.queues.arnOf(SOFT_OPT_IN_QUEUE, USER_SERVICE),
      description: `Roster User Service (${config.stage}): functions, APIs, event source mappings, alarms`,
    });
    // The API reads and writes the legacy tables: they must exist before it is deployed.
    stateless.addStackDependency(
      legacyTables,
      "the API uses the legacy tables (granted by ARN, another region)",
    );
    registerInternalApi(config, shared, stateless);
    applyNagSuppressions(shared.apis, config, stateful, stateless);
    shared.deadLetters.register(USER_SERVICE, stateless.deadLetterQueues);
    return [legacyTables, stateful, stateless];
  },
};

/**
 * An API of another Roster service the User Service's API function calls (`payments`, `subscriptions`),
 * as the stage's API registry gives it: its URL, region and the routes the client calls, and the
 * function's role admitted as `service:user-service`.
 */
function calledApi(
  config: UsersConfig,
  shared: SharedResources,
  name: string,
  roleName: string,
  routes: readonly (readonly [string, string])[],
): CalledApi {
  shared.apis.admit(
    name,
    USER_SERVICE,
    `arn:${partitionOf(config.region)}:sts::${config.account}:assumed-role/${roleName}/`,
    "service:user-service",
  );
  return {
    url: shared.apis.urlOf(name, USER_SERVICE),
    region: shared.apis.regionOf(name, USER_SERVICE),
    routes: routes.map(([method, path]) => shared.apis.executeApiArn(name, USER_SERVICE, method, path)),
  };
}

/**
 * The internal API in the stage's API registry (`users`), as the Payment Service registers its own: the
 * Subscription Service's billing run calls its membership routes, admitted into IAM_PRINCIPALS.
 */
function registerInternalApi(config: UsersConfig, shared: SharedResources, stateless: UsersStatelessStack) {
  const { internal, internalApiIdExport } = stateless.apis;
  const arn = (apiId: string, method: string, path: string) =>
    `arn:${partitionOf(config.region)}:execute-api:${config.region}:${config.account}:${apiId}/${config.stage}/${method}${path}`;
  shared.apis.register("users", {
    url: internal.url,
    region: config.region,
    executeApiArn: (method, path) => arn(Fn.importValue(internalApiIdExport), method, path),
    executeApiArnAsNagReads: (method, path) => arn(internalApiIdExport, method, path),
    mapsCallers: true,
  });
}
