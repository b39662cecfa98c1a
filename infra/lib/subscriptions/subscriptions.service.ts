/**
 * The Subscription Service's stacks in one stage (issue 13 builds the service): its stateful stack with
 * the `subscriptions` stream, unless the stage imports that stream by ARN (`streams.subscriptionsArn`),
 * in which case it has nothing to hold yet.
 */
import type { RosterService } from "../shared/roster-service.ts";
import { serviceName } from "../shared/stage.config.ts";
import { settingsOf } from "../shared/stage.settings.ts";
import { SubscriptionsStatefulStack } from "./stateful.stack.ts";
import { subscriptionSettings } from "./subscriptions.settings.ts";

const SUBSCRIPTION_SERVICE = "subscription-service";

export const subscriptionService: RosterService = {
  name: SUBSCRIPTION_SERVICE,
  settings: subscriptionSettings,
  stacks(app, stageConfig, shared) {
    const config = settingsOf(subscriptionSettings, stageConfig);
    if (config.streams.subscriptionsArn) {
      shared.streams.register("subscriptions", config.streams.subscriptionsArn);
      return [];
    }
    const stateful = new SubscriptionsStatefulStack(
      app,
      serviceName(config, SUBSCRIPTION_SERVICE, "stateful"),
      {
        config,
        env: { account: config.account, region: config.region },
        terminationProtection: config.production,
        description: `Roster Subscription Service (${config.stage}): the subscriptions stream`,
      },
    );
    shared.streams.register("subscriptions", stateful.stream.streamArn);
    return [stateful];
  },
};
