/**
 * The Purchases service's stacks in one stage (seed 001): its stateful stack (four tables, its queues,
 * its bucket, its secrets) and its stateless stack (functions, the internal and public APIs, event
 * source mappings, schedules, alarms). It registers the soft opt-in queue with the stage
 * (shared/queues.registry.ts): the User Service's soft opt-in worker reads it by ARN, so the User
 * Service's stateless stack deploys after this stateful one. It registers its internal API (`purchases`, shared/apis.registry.ts) as the other
 * services register theirs, and its callers' roles come back from the registry into the API's
 * IAM_PRINCIPALS. It reads no other service's stream and calls no other service's API.
 */
import { Fn } from "aws-cdk-lib";
import type { RosterService } from "../shared/roster-service.ts";
import { partitionOf } from "../shared/stage.config.ts";
import { settingsOf } from "../shared/stage.settings.ts";
import {
  PURCHASE_SERVICE,
  PURCHASES_API,
  purchaseServiceName,
  SOFT_OPT_IN_QUEUE,
} from "./purchase-service.names.ts";
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
      callers: () => shared.apis.callersOf(PURCHASES_API),
      description: `Roster Purchases Service (${config.stage}): functions, APIs, event sources, schedules, alarms`,
    });
    const { internal, internalApiIdExport } = stateless.apis;
    // By the API id's named export, so a caller's grant (and its acknowledgement) names it the same way.
    const arn = (apiId: string, method: string, path: string) =>
      `arn:${partitionOf(config.region)}:execute-api:${config.region}:${config.account}:${apiId}/${config.stage}/${method}${path}`;
    shared.apis.register(PURCHASES_API, {
      url: internal.url,
      region: config.region,
      executeApiArn: (method, path) => arn(Fn.importValue(internalApiIdExport), method, path),
      executeApiArnAsNagReads: (method, path) => arn(internalApiIdExport, method, path),
      mapsCallers: true,
    });
    applyPurchasesNag(stateful, stateless);
    shared.deadLetters.register(PURCHASE_SERVICE, stateless.deadLetterQueues);
    return [stateful, stateless];
  },
};
