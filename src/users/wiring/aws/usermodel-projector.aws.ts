import type { DynamoDBStreamHandler } from "aws-lambda";
import { resolveDatabaseTargets } from "../../../platform/adapters/aws/database-targets.ts";
import { loadPrimaryDatabaseConfig } from "../../../platform/config/database.config.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { createDatabase } from "../../../platform/relational/database.ts";
import { PostgresUsermodelProjection } from "../../adapters/postgres/usermodel.projection.ts";
import type { UsersDatabase } from "../../adapters/postgres/usermodel.table.ts";
import { projectUserChanges, type UsermodelProjectorDeps } from "../../workers/usermodel-projector.worker.ts";

/**
 * The usermodel projector on AWS: DynamoDB Streams of `{stage}-user-service-users` (NEW_AND_OLD_IMAGES,
 * ReportBatchItemFailures) -> upserts into the PostgreSQL primary. At cold start: config parsed (failing
 * fast, naming the variable), DATABASE_URL or the RDS secret first read (the password is read again per
 * connection, as it may rotate) and the pool built once.
 */
export async function usermodelProjectorHandler(
  env: Record<string, string | undefined>,
): Promise<DynamoDBStreamHandler> {
  const config = loadPrimaryDatabaseConfig(env);
  const logger = createLogger("user-service-usermodel-projector", config.LOG_LEVEL);
  const { primary } = await resolveDatabaseTargets(config);
  const deps: UsermodelProjectorDeps = {
    logger,
    // One write per batch (one at a time when PostgreSQL refuses it): one connection is all an instance uses.
    projection: new PostgresUsermodelProjection(
      createDatabase<UsersDatabase>(primary, {
        maxConnections: 1,
        applicationName: `${config.STAGE}-user-service-usermodel-projector`,
        onIdleConnectionError: (error) =>
          logger.warn("idle PostgreSQL connection failed", { reason: error.message }),
      }),
    ),
  };
  return (event, context) => projectUserChanges(deps, event.Records, context);
}
