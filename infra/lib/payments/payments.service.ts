/**
 * The Payment Service's stacks in one stage (issue 12 builds the service): its stateful stack with the
 * `payments` stream, unless the stage imports that stream by ARN (`streams.paymentsArn`), in which case
 * it has nothing to hold yet.
 */
import type { RosterService } from "../shared/roster-service.ts";
import { serviceName } from "../shared/stage.config.ts";
import { settingsOf } from "../shared/stage.settings.ts";
import { paymentSettings } from "./payments.settings.ts";
import { PaymentsStatefulStack } from "./stateful.stack.ts";

const PAYMENT_SERVICE = "payment-service";

export const paymentService: RosterService = {
  name: PAYMENT_SERVICE,
  settings: paymentSettings,
  stacks(app, stageConfig, shared) {
    const config = settingsOf(paymentSettings, stageConfig);
    if (config.streams.paymentsArn) {
      shared.streams.register("payments", config.streams.paymentsArn);
      return [];
    }
    const stateful = new PaymentsStatefulStack(app, serviceName(config, PAYMENT_SERVICE, "stateful"), {
      config,
      env: { account: config.account, region: config.region },
      terminationProtection: config.production,
      description: `Roster Payment Service (${config.stage}): the payments stream`,
    });
    shared.streams.register("payments", stateful.stream.streamArn);
    return [stateful];
  },
};
