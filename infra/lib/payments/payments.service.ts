/**
 * The Payment Service's stacks in one stage: its stateful stack (the `payments` stream, its database)
 * and its stateless stack (functions, API, relay schedule, alarms). It registers the stream and the API
 * with the stage (shared/streams.registry.ts, shared/apis.registry.ts); its callers' roles come back from
 * the API registry into the API's IAM_PRINCIPALS. A stage that takes the service from elsewhere
 * (`streams.paymentsArn` with `apis.payments`) gets no stacks: the imported stream and API are registered.
 */
import { Fn } from "aws-cdk-lib";
import { importedRegisteredApi } from "../shared/apis.registry.ts";
import type { RosterService } from "../shared/roster-service.ts";
import { partitionOf } from "../shared/stage.config.ts";
import { settingsOf } from "../shared/stage.settings.ts";
import { PAYMENT_SERVICE, paymentServiceName } from "./payment-service.names.ts";
import { applyPaymentsNag } from "./payments.nag.ts";
import { paymentSettings } from "./payments.settings.ts";
import { PaymentsStatefulStack } from "./stateful.stack.ts";
import { PaymentsStatelessStack } from "./stateless.stack.ts";

export const paymentService: RosterService = {
  name: PAYMENT_SERVICE,
  settings: paymentSettings,
  stacks(app, stageConfig, shared) {
    const config = settingsOf(paymentSettings, stageConfig);
    if (config.imported) {
      const { streamArn, api } = config.imported;
      shared.streams.register("payments", streamArn);
      shared.apis.register("payments", importedRegisteredApi(api));
      return [];
    }
    const env = { account: config.account, region: config.region };
    const common = { config, env, terminationProtection: config.production };
    const stateful = new PaymentsStatefulStack(app, paymentServiceName(config, "stateful"), {
      ...common,
      description: `Roster Payment Service (${config.stage}): the payments stream, PostgreSQL`,
    });
    shared.streams.register("payments", stateful.stream.streamArn);
    const stateless = new PaymentsStatelessStack(app, paymentServiceName(config, "stateless"), {
      ...common,
      stateful,
      bundleDir: shared.bundleDir,
      callers: () => shared.apis.callersOf("payments"),
      description: `Roster Payment Service (${config.stage}): functions, API, outbox relay, alarms`,
    });
    const { api, apiIdExport } = stateless.api;
    // By the API id's named export, so a caller's grant (and its acknowledgement) names it the same way.
    const arn = (apiId: string, method: string, path: string) =>
      `arn:${partitionOf(config.region)}:execute-api:${config.region}:${config.account}:${apiId}/${config.stage}/${method}${path}`;
    shared.apis.register("payments", {
      url: api.url,
      region: config.region,
      executeApiArn: (method, path) => arn(Fn.importValue(apiIdExport), method, path),
      executeApiArnAsNagReads: (method, path) => arn(apiIdExport, method, path),
      mapsCallers: true,
    });
    applyPaymentsNag(config, stateful, stateless);
    shared.deadLetters.register(PAYMENT_SERVICE, stateless.deadLetterQueues);
    return [stateful, stateless];
  },
};
