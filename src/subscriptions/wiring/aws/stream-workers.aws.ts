import type { Context, KinesisStreamEvent } from "aws-lambda";
import { createLogger } from "../../../platform/logging/logger.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { type IdGenerator, randomIds } from "../../../platform/time/id-generator.port.ts";
import { handlePaymentsRecords } from "../../workers/payments.worker.ts";
import { handleUsersRecords } from "../../workers/users.worker.ts";
import { loadSubscriptionsWorkerConfig } from "../config/api.config.ts";
import { subscriptionsStores } from "../subscriptions.services.ts";
import { openAwsSubscriptionsDatabase, SUBSCRIPTION_SERVICE } from "./subscriptions-database.aws.ts";

/**
 * The two stream workers' composition root on AWS, once per cold start: the database and its stores
 * (they call no other service, so no client is built). Their mappings report failed records by
 * sequence number and bisect a thrown batch (infra/lib/subscriptions/functions.construct.ts).
 */
async function buildWorkers(
  env: Record<string, string | undefined>,
  role: string,
  clock: Clock = systemClock,
  ids: IdGenerator = randomIds,
) {
  const config = loadSubscriptionsWorkerConfig(env);
  const logger = createLogger(`${SUBSCRIPTION_SERVICE}-${role}`, config.LOG_LEVEL);
  const db = await openAwsSubscriptionsDatabase(config, logger, role);
  const { billing, subscriptions } = subscriptionsStores({ db, clock, ids });
  return { billing, store: subscriptions.store, clock, ids, logger };
}

/** `{stage}-payments` -> renewal payments settled or disputed. */
export async function paymentsWorkerHandler(env: Record<string, string | undefined>) {
  const deps = await buildWorkers(env, "payments-worker");
  return (event: KinesisStreamEvent, context: Context) => handlePaymentsRecords(deps, event.Records, context);
}

/** `{stage}-user-service-users` -> billing ended with the membership. */
export async function usersWorkerHandler(env: Record<string, string | undefined>) {
  const deps = await buildWorkers(env, "users-worker");
  return (event: KinesisStreamEvent, context: Context) => handleUsersRecords(deps, event.Records, context);
}
