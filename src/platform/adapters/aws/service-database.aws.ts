import type { Kysely } from "kysely";
import type { DatabaseConfig } from "../../config/database.config.ts";
import type { Logger } from "../../logging/logger.ts";
import { createDatabase } from "../../relational/database.ts";
import { resolveDatabaseTargets } from "./database-targets.ts";

/**
 * A service's own PostgreSQL database on AWS, once per cold start: DATABASE_URL, or RDS Proxy
 * (DATABASE_HOST) with the user of the RDS secret (DATABASE_SECRET_ARN), read now so a bad secret fails
 * the start, its password read again per new connection as it rotates (database-targets.ts). One
 * Lambda instance serves one request or run at a time: one connection each keeps RDS's limit far away.
 * Shared by the Payment and Subscription Services, whose functions open their databases alike.
 */
export async function openAwsServiceDatabase<DB>(
  config: DatabaseConfig,
  logger: Logger,
  applicationName: string,
): Promise<Kysely<DB>> {
  const { primary } = await resolveDatabaseTargets(config);
  return createDatabase<DB>(primary, {
    maxConnections: 1,
    applicationName,
    // A statement that runs this long is stuck (a lock): give the connection back well before API Gateway's 29 s.
    statementTimeoutMs: 10_000,
    onIdleConnectionError: (error) =>
      logger.warn("idle PostgreSQL connection failed", { reason: error.message }),
  });
}
