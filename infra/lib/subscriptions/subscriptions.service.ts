/**
 * The Subscription Service's stacks in one stage: its stateful stack (the `subscriptions` stream, its
 * bus, its database, its documents bucket), its stateless stack (functions, API, the relay's schedule,
 * stream workers, alarms) and its billing stack (the billing run, its schedule and alarms). It registers
 * its stream and API with the stage (shared/streams.registry.ts, shared/apis.registry.ts), reads the
 * `payments` and `users` streams, and calls the Payment and User Services' APIs with the billing run's
 * role, admitted to both as `service:subscription-service`; its callers' roles (the User Service's API)
 * come back from the API registry into the API's IAM_PRINCIPALS. The billing run is a stack of its own
 * because the User Service's stateless stack calls this service's API: the billing stack deploys after
 * both stateless stacks, and the stateless stack depends on no User Service stack but the stateful one
 * (its stream). A stage that takes the service from elsewhere (`streams.subscriptionsArn` with
 * `apis.subscriptions`) gets no stacks: the imported stream and API are registered.
 */
import { Fn } from "aws-cdk-lib";
import { importedRegisteredApi } from "../shared/apis.registry.ts";
import type { RosterService, SharedResources } from "../shared/roster-service.ts";
import { partitionOf } from "../shared/stage.config.ts";
import { settingsOf } from "../shared/stage.settings.ts";
import { type CalledApi, SubscriptionsBillingStack } from "./billing.stack.ts";
import { SubscriptionsStatefulStack } from "./stateful.stack.ts";
import { SubscriptionsStatelessStack } from "./stateless.stack.ts";
import {
  PAYMENT_ROUTES,
  SUBSCRIPTION_SERVICE,
  subscriptionServiceName,
  USER_ROUTES,
} from "./subscription-service.names.ts";
import { applySubscriptionsNag } from "./subscriptions.nag.ts";
import { type SubscriptionsConfig, subscriptionSettings } from "./subscriptions.settings.ts";

export const subscriptionService: RosterService = {
  name: SUBSCRIPTION_SERVICE,
  settings: subscriptionSettings,
  stacks(app, stageConfig, shared) {
    const config = settingsOf(subscriptionSettings, stageConfig);
    if (config.imported) {
      shared.streams.register("subscriptions", config.imported.streamArn);
      shared.apis.register("subscriptions", importedRegisteredApi(config.imported.api));
      return [];
    }
    const env = { account: config.account, region: config.region };
    const common = { config, env, terminationProtection: config.production };
    const stateful = new SubscriptionsStatefulStack(app, subscriptionServiceName(config, "stateful"), {
      ...common,
      description: `Roster Subscription Service (${config.stage}): the subscriptions stream, bus, PostgreSQL, documents`,
    });
    shared.streams.register("subscriptions", stateful.stream.streamArn);
    const billingRoleName = `${subscriptionServiceName(config, "billing-run")}-${config.region}`;
    const stateless = new SubscriptionsStatelessStack(app, subscriptionServiceName(config, "stateless"), {
      ...common,
      stateful,
      bundleDir: shared.bundleDir,
      callers: () => shared.apis.callersOf("subscriptions"),
      consumes: {
        paymentsArn: shared.streams.arnOf("payments", SUBSCRIPTION_SERVICE),
        usersArn: shared.streams.arnOf("users", SUBSCRIPTION_SERVICE),
      },
      description: `Roster Subscription Service (${config.stage}): functions, API, the relay's schedule, stream workers, alarms`,
    });
    const billing = new SubscriptionsBillingStack(app, subscriptionServiceName(config, "billing"), {
      ...common,
      stateful,
      bundleDir: shared.bundleDir,
      billingRoleName,
      paymentApi: calledApi(config, shared, "payments", billingRoleName, PAYMENT_ROUTES),
      userApi: calledApi(config, shared, "users", billingRoleName, USER_ROUTES),
      alarmsTopic: stateless.alarms.topic,
      description: `Roster Subscription Service (${config.stage}): the billing run, its schedule, its alarms`,
    });
    // After the migration trigger, which brings the schema the run reads up to date (the topic alone implies it).
    billing.addStackDependency(
      stateless,
      "the billing run reads the schema the stateless stack's trigger migrates",
    );
    const { api, apiIdExport } = stateless.api;
    // By the API id's named export, so a caller's grant (and its acknowledgement) names it the same way.
    const arn = (apiId: string, method: string, path: string) =>
      `arn:${partitionOf(config.region)}:execute-api:${config.region}:${config.account}:${apiId}/${config.stage}/${method}${path}`;
    shared.apis.register("subscriptions", {
      url: api.url,
      region: config.region,
      executeApiArn: (method, path) => arn(Fn.importValue(apiIdExport), method, path),
      executeApiArnAsNagReads: (method, path) => arn(apiIdExport, method, path),
      mapsCallers: true,
    });
    applySubscriptionsNag(shared.apis, config, stateful, stateless, billing);
    shared.deadLetters.register(SUBSCRIPTION_SERVICE, [
      ...stateless.deadLetterQueues,
      ...billing.deadLetterQueues,
    ]);
    return [stateful, stateless, billing];
  },
};

/** An API the billing run calls: its role admitted as `service:subscription-service`, its routes granted. */
function calledApi(
  config: SubscriptionsConfig,
  shared: SharedResources,
  name: string,
  roleName: string,
  routes: readonly (readonly [string, string])[],
): CalledApi {
  shared.apis.admit(
    name,
    SUBSCRIPTION_SERVICE,
    `arn:${partitionOf(config.region)}:sts::${config.account}:assumed-role/${roleName}/`,
    `service:${SUBSCRIPTION_SERVICE}`,
  );
  return {
    url: shared.apis.urlOf(name, SUBSCRIPTION_SERVICE),
    region: shared.apis.regionOf(name, SUBSCRIPTION_SERVICE),
    routes: routes.map(([method, path]) =>
      shared.apis.executeApiArn(name, SUBSCRIPTION_SERVICE, method, path),
    ),
  };
}
