import { handle } from "hono/aws-lambda";
import { sql } from "kysely";
import { ApiGatewayPrincipalResolver } from "../../../platform/adapters/aws/api-gateway-principal.resolver.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { type IdGenerator, randomIds } from "../../../platform/time/id-generator.port.ts";
import { createSubscriptionsApp, type SubscriptionsAppServices } from "../../api/subscriptions.app.ts";
import { loadSubscriptionsAwsConfig, type SubscriptionsAwsConfig } from "../config/api.config.ts";
import { subscriptionsStores } from "../subscriptions.services.ts";
import { openAwsSubscriptionsDatabase, SUBSCRIPTION_SERVICE } from "./subscriptions-database.aws.ts";

/**
 * The Subscription Service API's composition root on AWS, once per cold start: its database (the RDS
 * secret's first read is the one network call) and IAM callers mapped to principals (`IAM_PRINCIPALS`:
 * the User Service's API role, operators). The API charges nothing and calls no service: no client of
 * the Payment or User Service is built on this path.
 */
export async function buildSubscriptionsAwsServices(
  config: SubscriptionsAwsConfig,
  clock: Clock = systemClock,
  ids: IdGenerator = randomIds,
): Promise<SubscriptionsAppServices> {
  const logger = createLogger(SUBSCRIPTION_SERVICE, config.LOG_LEVEL);
  const db = await openAwsSubscriptionsDatabase(config, logger, "api");
  const health = [
    { name: "subscriptions-postgres", check: async () => void (await sql`select 1`.execute(db)) },
  ];
  return {
    logger,
    principals: new ApiGatewayPrincipalResolver({ iamPrincipals: config.IAM_PRINCIPALS }),
    health,
    subscriptions: subscriptionsStores({ db, clock, ids }).subscriptions,
  };
}

/** The API's Lambda handler: config parsed (failing fast, naming the variable) and clients built once. */
export async function subscriptionsApiHandler(env: Record<string, string | undefined>) {
  return handle(createSubscriptionsApp(await buildSubscriptionsAwsServices(loadSubscriptionsAwsConfig(env))));
}
