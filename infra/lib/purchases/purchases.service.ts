/**
 * The Purchases service's stacks in one stage (seed 001): its stateful stack (four tables, its queues,
 * its bucket, its secrets) and its stateless stack (functions, API, event source mappings, schedules,
 * alarms). It registers the soft opt-in queue with the stage (shared/queues.registry.ts): the User
 * Service's soft opt-in worker reads it by ARN, so the User Service's stateless stack deploys after
 * this stateful one. It reads no other service's stream and calls no other service's API.
 */
import type { RosterService } from "../shared/roster-service.ts";
import { settingsOf } from "../shared/stage.settings.ts";
import { PURCHASE_SERVICE, purchaseServiceName, SOFT_OPT_IN_QUEUE } from "./purchase-service.names.ts";
import { applyPurchasesNag } from "./purchases.nag.ts";
import { purchaseSettings } from "./purchases.settings.ts";
import { PurchasesStatefulStack } from "./stateful.stack.ts";
import { PurchasesStatelessStack } from "./stateless.stack.ts";

export const purchaseService: RosterService = {
  name: PURCHASE_SERVICE,
  settings: purchaseSettings,
  stacks(app, stageConfig, shared) {
    const config = settingsOf(purchaseSettings, stageConfig);
    const env = { account: config.account, region: config.region };
    const common = { config, env, terminationProtection: config.production };
    const stateful = new PurchasesStatefulStack(app, purchaseServiceName(config, "stateful"), {
      ...common,
      description: `Roster Purchases Service (${config.stage}): tables, queues, exports bucket, secrets`,
    });
    shared.queues.register(SOFT_OPT_IN_QUEUE, stateful.softOptIns.queueArn);
    const stateless = new PurchasesStatelessStack(app, purchaseServiceName(config, "stateless"), {
      ...common,
      stateful,
      bundleDir: shared.bundleDir,
      description: `Roster Purchases Service (${config.stage}): functions, API, event sources, schedules, alarms`,
    });
    applyPurchasesNag(stateful, stateless);
    return [stateful, stateless];
  },
};
