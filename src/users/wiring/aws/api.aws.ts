import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { handle } from "hono/aws-lambda";
import { ApiGatewayPrincipalResolver } from "../../../platform/adapters/aws/api-gateway-principal.resolver.ts";
import { resolveDatabaseTargets } from "../../../platform/adapters/aws/database-targets.ts";
import { awsTableStore } from "../../../platform/adapters/aws/dynamodb-table-store.factory.ts";
import type { EventPublisher } from "../../../platform/events/event-publisher.port.ts";
import { apiGatewaySourceAddress } from "../../../platform/http/source-address.ts";
import { auth0Verification } from "../../../platform/identity/auth0-verification.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { onFirstUse } from "../../../platform/service/on-first-use.ts";
import { CursorCodec } from "../../../platform/store/cursor-codec.ts";
import { tableStoreHealth } from "../../../platform/store/table-store.health.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { usersTable } from "../../adapters/dynamodb/users.tables.ts";
import { ExperianMlaLookup } from "../../adapters/http/experian-mla.http.ts";
import { TransactionsServiceHttpClient } from "../../adapters/http/transactions-service.http.ts";
import type { UsersAppServices } from "../../api/users.app.ts";
import { createUsersApp } from "../../api/users.app.ts";
import type { CleanupQueue } from "../../ports/cleanup-queue.port.ts";
import type { UserSearch } from "../../ports/user-search.port.ts";
import type { AwsConfig } from "../config/api.config.ts";
import { loadAwsConfig } from "../config/api.config.ts";
import { userServiceServices } from "../users.services.ts";
import { awsMembershipServices } from "./membership-services.aws.ts";
import type { UsermodelReads } from "./usermodel-search.aws.ts";

/**
 * The composition root on AWS: runs once per Lambda cold start. Its network calls are the database
 * secret's first read when DATABASE_SECRET_ARN is set (a failure fails the start: the API cannot serve
 * without it) and Growthbook's first load (bounded by GROWTHBOOK_TIMEOUT_MS, never failing the start: see
 * awsMembershipServices).
 */
export async function buildAwsServices(
  config: AwsConfig,
  clock: Clock = systemClock,
): Promise<UsersAppServices> {
  const logger = createLogger("user-service", config.LOG_LEVEL);
  // Every instance seals page cursors with the stage's secret, so each honours the others' cursors.
  const cursors = new CursorCodec({ secret: config.ROSTER_CURSOR_KEY, clock });
  const store = awsTableStore(config, clock, config.AWS_REGION, cursors);
  // Seed 000: the legacy tables live in another region (us-east-1), outside the primary table's transactions.
  const legacyStore = awsTableStore(config, clock, config.LEGACY_TABLES_REGION, cursors);
  // DATABASE_URL, or the RDS Proxy endpoints with the RDS secret's password (re-read as it rotates):
  // database-targets.ts.
  const databases = await resolveDatabaseTargets(config);
  // The usermodel projection (Kysely on pg) is connected by the first search, report or health check:
  // no other request reads it (issue 16: Kysely and pg were 206 KiB of this Lambda's cold start).
  let usermodel: Promise<UsermodelReads> | undefined;
  const reads = () => {
    usermodel ??= import("./usermodel-search.aws.ts").then(({ usermodelReads }) =>
      usermodelReads(databases, { stage: config.STAGE, logger, cursors }),
    );
    return usermodel;
  };
  const search = onFirstUse<UserSearch>(async () => (await reads()).search);
  // The Lambda role's credentials sign the calls to the internal services' IAM-authorized APIs.
  const credentials = defaultProvider();
  const transactions = new TransactionsServiceHttpClient({
    baseUrl: config.TRANSACTIONS_API_URL,
    region: config.TRANSACTIONS_API_REGION ?? config.AWS_REGION,
    credentials,
    timeoutMs: config.TRANSACTIONS_API_TIMEOUT_MS,
    clock,
    logger,
    cursors,
  });
  const mlaLookup = new ExperianMlaLookup({
    baseUrl: config.EXPERIAN_BASE_URL,
    clientId: config.EXPERIAN_CLIENT_ID,
    clientSecret: config.EXPERIAN_CLIENT_SECRET,
    username: config.EXPERIAN_USERNAME,
    password: config.EXPERIAN_PASSWORD,
    subscriberCode: config.EXPERIAN_SUBSCRIBER_CODE,
    timeoutMs: config.EXPERIAN_TIMEOUT_MS,
    clock,
    logger,
  });
  // Domain events, published after each committed change; a failure is logged, not answered
  // (publishAfterCommit). The EventBridge client is loaded by the first change: a read never needs it
  // (issue 16: its module was 9% of this Lambda's init).
  const events = onFirstUse<EventPublisher>(async () => {
    const { eventBridgePublisher } = await import(
      "../../../platform/adapters/aws/eventbridge-publisher.factory.ts"
    );
    return eventBridgePublisher(config.AWS_REGION, config.EVENT_BUS_NAME);
  });
  return {
    logger,
    principals: new ApiGatewayPrincipalResolver({
      auth0: auth0Verification(config, clock),
      iamPrincipals: config.IAM_PRINCIPALS,
    }),
    health: [
      tableStoreHealth(store, usersTable),
      { name: "postgres", check: async () => (await reads()).ping() },
    ],
    ...userServiceServices({
      store,
      legacyStore,
      clock,
      events,
      logger,
      transactions,
      mlaLookup,
      search,
      sourceAddress: apiGatewaySourceAddress,
      membershipServices: await awsMembershipServices(config, { credentials, clock, logger }),
      // Sent to by a cancellation or a closed account only: its SQS client is loaded by the first.
      cleanupQueue: onFirstUse<CleanupQueue>(async () => {
        const { sqsCleanupQueue } = await import("./cleanup-queue.aws.ts");
        return sqsCleanupQueue(config.AWS_REGION, config.CLEANUP_QUEUE_URL);
      }),
    }),
  };
}

/** The API's Lambda handler: config parsed (failing fast, naming the variable) and clients built once. */
export async function usersApiHandler(env: Record<string, string | undefined>) {
  return handle(createUsersApp(await buildAwsServices(loadAwsConfig(env))));
}
