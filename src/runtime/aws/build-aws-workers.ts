import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import {
  createDocumentClient,
  DynamoDbTableStore,
} from "../../platform/adapters/aws/dynamodb-table.store.ts";
import { EventBridgePublisher } from "../../platform/adapters/aws/eventbridge.publisher.ts";
import { KinesisStreamProducer } from "../../platform/adapters/aws/kinesis.producer.ts";
import { PowertoolsMetrics } from "../../platform/adapters/aws/powertools.metrics.ts";
import { TableStorePersistenceLayer } from "../../platform/idempotency/table-store.persistence.ts";
import { createLogger } from "../../platform/logging/logger.ts";
import { type Clock, systemClock } from "../../platform/time/clock.port.ts";
import { SegmentAnalytics } from "../../users/adapters/analytics.segment.ts";
import { ArrayServiceHttpClient } from "../../users/adapters/array-service.http.ts";
import { MembershipStoreRepository } from "../../users/adapters/membership-store.repository.ts";
import { TransactionsServiceHttpClient } from "../../users/adapters/transactions-service.http.ts";
import { sigV4Authorizer } from "../../users/adapters/user-service-api.authorizers.ts";
import { HttpUserServiceApi } from "../../users/adapters/user-service-api.http.ts";
import { UserStoreRepository } from "../../users/adapters/user-store.repository.ts";
import type { CleanupWorkerDeps } from "../../users/workers/cleanup.worker.ts";
import type { KinesisFeederDeps } from "../../users/workers/kinesis-feeder.worker.ts";
import type { PaymentWorkerDeps } from "../../users/workers/payment.worker.ts";
import type { SubscriptionsWorkerDeps } from "../../users/workers/subscriptions.worker.ts";
import { auth0Accounts, growthbookCatalog } from "./aws-membership-services.ts";
import type {
  CleanupWorkerConfig,
  KinesisFeederConfig,
  PaymentWorkerConfig,
  SubscriptionsWorkerConfig,
} from "./aws-workers.config.ts";

/**
 * The composition roots of the four worker Lambdas (seed 000), each run once at cold start with the
 * worker's own config. The API's root is `buildAwsServices`; these share its adapters, not its config.
 */
type Base = {
  readonly STAGE: string;
  readonly AWS_REGION: string;
  readonly DYNAMODB_ENDPOINT?: string | undefined;
};

function tableStore(config: Base, clock: Clock): DynamoDbTableStore {
  const client = new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  });
  return new DynamoDbTableStore({ client: createDocumentClient(client), stage: config.STAGE, clock });
}

export async function buildPaymentWorker(
  config: PaymentWorkerConfig,
  clock: Clock = systemClock,
): Promise<PaymentWorkerDeps> {
  const logger = createLogger("user-service-payment-worker", config.LOG_LEVEL);
  return {
    logger,
    catalog: await growthbookCatalog(config, logger),
    api: new HttpUserServiceApi({
      baseUrl: config.USER_SERVICE_API_URL,
      timeoutMs: config.USER_SERVICE_API_TIMEOUT_MS,
      logger,
      authorize: sigV4Authorizer({
        region: config.USER_SERVICE_API_REGION ?? config.AWS_REGION,
        credentials: defaultProvider(),
        clock,
      }),
    }),
  };
}

export function buildSubscriptionsWorker(
  config: SubscriptionsWorkerConfig,
  clock: Clock = systemClock,
): SubscriptionsWorkerDeps {
  const logger = createLogger("user-service-subscriptions", config.LOG_LEVEL);
  const store = tableStore(config, clock);
  return {
    logger,
    clock,
    users: new UserStoreRepository(store),
    memberships: new MembershipStoreRepository(store),
    events: new EventBridgePublisher({
      client: new EventBridgeClient({ region: config.AWS_REGION }),
      busName: config.EVENT_BUS_NAME,
    }),
    analytics: new SegmentAnalytics({
      writeKey: config.SEGMENT_WRITE_KEY,
      ...(config.SEGMENT_HOST ? { host: config.SEGMENT_HOST } : {}),
    }),
    metrics: new PowertoolsMetrics({ namespace: config.METRICS_NAMESPACE, serviceName: "user-service" }),
    idempotency: new TableStorePersistenceLayer({ store }),
  };
}

export function buildKinesisFeeder(config: KinesisFeederConfig): KinesisFeederDeps {
  return {
    logger: createLogger("user-service-kinesis-feeder", config.LOG_LEVEL),
    stream: config.USR_KINESIS_STREAM_USERS,
    // HTTP/1.1: PutRecords needs no HTTP/2 (only SubscribeToShard does), and kinesalite speaks only 1.1.
    producer: new KinesisStreamProducer({
      client: new KinesisClient({ region: config.AWS_REGION, requestHandler: new NodeHttpHandler() }),
    }),
  };
}

export function buildCleanupWorker(
  config: CleanupWorkerConfig,
  clock: Clock = systemClock,
): CleanupWorkerDeps {
  const logger = createLogger("user-service-cleanup", config.LOG_LEVEL);
  return {
    logger,
    memberships: new MembershipStoreRepository(tableStore(config, clock)),
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
