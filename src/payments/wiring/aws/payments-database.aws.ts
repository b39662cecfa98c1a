import type { Kysely } from "kysely";
import { resolveDatabaseTargets } from "../../../platform/adapters/aws/database-targets.ts";
import type { DatabaseConfig } from "../../../platform/config/database.config.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
import { createDatabase } from "../../../platform/relational/database.ts";
import type { PaymentsDatabase } from "../../adapters/postgres/payments.tables.ts";

/**
 * The Payment Service's database on AWS, once per cold start: DATABASE_URL, or RDS Proxy (DATABASE_HOST)
 * with the user of the RDS secret (DATABASE_SECRET_ARN), read now so a bad secret fails the start, its
 * password read again per new connection as it rotates (platform/adapters/aws/database-targets.ts).
 * One Lambda instance serves one request or run at a time: one connection each keeps RDS's limit far
 * away (a charge's transaction and its reads share it, in turn).
 */
export async function openAwsPaymentsDatabase(
  config: DatabaseConfig & { readonly STAGE: string },
  logger: Logger,
  role: string,
): Promise<Kysely<PaymentsDatabase>> {
  const { primary } = await resolveDatabaseTargets(config);
  return createDatabase<PaymentsDatabase>(primary, {
    maxConnections: 1,
    applicationName: `${config.STAGE}-payment-service-${role}`,
    // A statement that runs this long is stuck (a lock): give the connection back well before API Gateway's 29 s.
    statementTimeoutMs: 10_000,
    onIdleConnectionError: (error) =>
      logger.warn("idle PostgreSQL connection failed", { reason: error.message }),
  });
}
