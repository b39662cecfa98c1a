import type { Kysely } from "kysely";
import { openAwsServiceDatabase } from "../../../platform/adapters/aws/service-database.aws.ts";
import type { DatabaseConfig } from "../../../platform/config/database.config.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
import type { PaymentsDatabase } from "../../adapters/postgres/payments.tables.ts";

/**
 * The Payment Service's database on AWS, once per cold start (the platform's `openAwsServiceDatabase`:
 * RDS Proxy with the RDS secret, or DATABASE_URL; one connection per instance), named in
 * `pg_stat_activity` by the stage and the function's role (a charge's transaction and its reads share it, in turn).
 */
export function openAwsPaymentsDatabase(
  config: DatabaseConfig & { readonly STAGE: string },
  logger: Logger,
  role: string,
): Promise<Kysely<PaymentsDatabase>> {
  return openAwsServiceDatabase<PaymentsDatabase>(config, logger, `${config.STAGE}-payment-service-${role}`);
}
