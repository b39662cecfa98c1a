import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createRemoteJWKSet } from "jose";
import { sql } from "kysely";
import { ApiGatewayPrincipalResolver } from "../../platform/adapters/aws/api-gateway-principal.resolver.ts";
import {
  createDocumentClient,
  DynamoDbTableStore,
} from "../../platform/adapters/aws/dynamodb-table.store.ts";
import { VerifiedTokenCache } from "../../platform/identity/verified-token.cache.ts";
import { createLogger } from "../../platform/logging/logger.ts";
import { createDatabase } from "../../platform/relational/database.ts";
import { tableStoreHealth } from "../../platform/store/table-store.health.ts";
import { type Clock, systemClock } from "../../platform/time/clock.port.ts";
import { UserStoreRepository } from "../../users/adapters/user-store.repository.ts";
import type { UsersDatabase } from "../../users/adapters/usermodel.table.ts";
import { usersTable } from "../../users/adapters/users.tables.ts";
import type { AppServices } from "../http/create-app.ts";
import type { AwsConfig } from "./aws.config.ts";

/** The composition root on AWS: runs once per Lambda cold start. No network call is made here. */
export function buildAwsServices(config: AwsConfig, clock: Clock = systemClock): AppServices {
  const logger = createLogger("user-service", config.LOG_LEVEL);
  const dynamodb = new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  });
  const store = new DynamoDbTableStore({
    client: createDocumentClient(dynamodb),
    stage: config.STAGE,
    clock,
  });
  // One Lambda instance serves one request at a time: two connections keep RDS's limit far away.
  const usermodel = createDatabase<UsersDatabase>(config.DATABASE_URL, {
    maxConnections: 2,
    applicationName: `${config.STAGE}-user-service-api`,
    onIdleConnectionError: (error) =>
      logger.warn("idle PostgreSQL connection failed", { reason: error.message }),
  });
  const auth0 = {
    keys: createRemoteJWKSet(new URL(".well-known/jwks.json", config.AUTH0_ISSUER)),
    issuer: config.AUTH0_ISSUER,
    audience: config.AUTH0_AUDIENCE,
    clock,
    cache: new VerifiedTokenCache(),
  };
  return {
    logger,
    principals: new ApiGatewayPrincipalResolver({ auth0, iamPrincipals: config.IAM_PRINCIPALS }),
    health: [
      tableStoreHealth(store, usersTable),
      { name: "postgres", check: async () => void (await sql`select 1`.execute(usermodel)) },
    ],
    users: { users: new UserStoreRepository(store), clock },
  };
}
