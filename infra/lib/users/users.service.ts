/**
 * The User Service's stacks in one stage: in the stage's region the stateful stack (data) and the
 * stateless stack (code), in its legacy region the legacy tables. `cdk deploy --all` deploys them in
 * dependency order: legacy tables and data first, then the code.
 */
import { Fn } from "aws-cdk-lib";
import type { RosterService, SharedResources } from "../shared/roster-service.ts";
import { partitionOf } from "../shared/stage.config.ts";
import { settingsOf } from "../shared/stage.settings.ts";
import type { PaymentApiAccess } from "./functions.construct.ts";
import { UsersLegacyTablesStack } from "./legacy-tables.stack.ts";
import { UsersStatefulStack } from "./stateful.stack.ts";
import { UsersStatelessStack } from "./stateless.stack.ts";
import { PAYMENT_ROUTES, USER_SERVICE, userServiceName } from "./user-service.names.ts";
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
    const stateless = new UsersStatelessStack(app, userServiceName(config, "stateless"), {
      ...common,
      env,
      stateful,
      bundleDir: shared.bundleDir,
      paymentApi: paymentApiAccess(config, shared),
      callers: () => shared.apis.callersOf("users"),
      description: `Roster User Service (${config.stage}): functions, APIs, event source mappings, alarms`,
    });
    // The API reads and writes the legacy tables: they must exist before it is deployed.
    stateless.addStackDependency(
      legacyTables,
      "the API uses the legacy tables (granted by ARN, another region)",
    );
    registerInternalApi(config, shared, stateless);
    applyNagSuppressions(shared.apis, config, stateful, stateless);
    return [legacyTables, stateful, stateless];
  },
};

/**
 * The stage's Payment Service API for the User Service's API function: its URL, region and routes, and
 * the function's role (named up front) admitted as `service:user-service`.
 */
function paymentApiAccess(config: UsersConfig, shared: SharedResources): PaymentApiAccess {
  const roleName = `${userServiceName(config, "api")}-${config.region}`;
  shared.apis.admit(
    "payments",
    USER_SERVICE,
    `arn:${partitionOf(config.region)}:sts::${config.account}:assumed-role/${roleName}/`,
    "service:user-service",
  );
  return {
    url: shared.apis.urlOf("payments", USER_SERVICE),
    region: shared.apis.regionOf("payments", USER_SERVICE),
    routes: PAYMENT_ROUTES.map(([method, path]) =>
      shared.apis.executeApiArn("payments", USER_SERVICE, method, path),
    ),
    roleName,
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
