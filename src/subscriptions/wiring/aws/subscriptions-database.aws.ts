import type { Kysely } from "kysely";
import { openAwsServiceDatabase } from "../../../platform/adapters/aws/service-database.aws.ts";
import type { DatabaseConfig } from "../../../platform/config/database.config.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
import type { SubscriptionsDatabase } from "../../adapters/postgres/subscriptions.tables.ts";

/** The Subscription Service's Lambda functions and logs are named after it (`{stage}-subscription-service-...`). */
export const SUBSCRIPTION_SERVICE = "subscription-service";

/**
 * The Subscription Service's database on AWS, once per cold start (the platform's
 * `openAwsServiceDatabase`: RDS Proxy with the RDS secret, or DATABASE_URL; one connection per
 * instance), named in `pg_stat_activity` by the stage and the function's role.
 */
export function openAwsSubscriptionsDatabase(
  config: DatabaseConfig & { readonly STAGE: string },
  logger: Logger,
  role: string,
): Promise<Kysely<SubscriptionsDatabase>> {
  return openAwsServiceDatabase<SubscriptionsDatabase>(
    config,
    logger,
    `${config.STAGE}-${SUBSCRIPTION_SERVICE}-${role}`,
  );
}
