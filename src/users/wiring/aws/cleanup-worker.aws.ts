import { defaultProvider } from "@aws-sdk/credential-provider-node";
import type { SQSHandler } from "aws-lambda";
import { awsTableStore } from "../../../platform/adapters/aws/dynamodb-table-store.factory.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { MembershipStoreRepository } from "../../adapters/dynamodb/membership-store.repository.ts";
import { ArrayServiceHttpClient } from "../../adapters/http/array-service.http.ts";
import { TransactionsServiceHttpClient } from "../../adapters/http/transactions-service.http.ts";
import type { CleanupWorkerDeps } from "../../workers/cleanup.worker.ts";
import { handleCleanupMessages } from "../../workers/cleanup.worker.ts";
import type { CleanupWorkerConfig } from "../config/cleanup-worker.config.ts";
import { loadCleanupWorkerConfig } from "../config/cleanup-worker.config.ts";
import { auth0Accounts } from "./auth0-accounts.aws.ts";

/**
 * The cleanup worker's composition root (seed 000), run once at cold start: the memberships on the
 * users table, the Transactions Service (SigV4), Auth0's Management API (its SDK loaded on the first
 * message that needs it) and Array.
 */
export function buildCleanupWorker(
  config: CleanupWorkerConfig,
  clock: Clock = systemClock,
): CleanupWorkerDeps {
  const logger = createLogger("user-service-cleanup", config.LOG_LEVEL);
  return {
    logger,
    memberships: new MembershipStoreRepository(awsTableStore(config, clock)),
    transactions: new TransactionsServiceHttpClient({
      baseUrl: config.TRANSACTIONS_API_URL,
      region: config.TRANSACTIONS_API_REGION ?? config.AWS_REGION,
      credentials: defaultProvider(),
      timeoutMs: config.TRANSACTIONS_API_TIMEOUT_MS,
      clock,
      logger,
    }),
    accounts: auth0Accounts(config, logger),
    array: new ArrayServiceHttpClient({
      baseUrl: config.ARRAY_API_URL,
      apiKey: config.ARRAY_API_KEY,
      timeoutMs: config.ARRAY_TIMEOUT_MS,
      logger,
    }),
  };
}

/** The cleanup worker's Lambda handler, composed once at cold start from `env`. */
export function cleanupWorkerHandler(env: Record<string, string | undefined>): SQSHandler {
  const deps = buildCleanupWorker(loadCleanupWorkerConfig(env));
  return (event, context) => handleCleanupMessages(deps, event.Records, context);
}
