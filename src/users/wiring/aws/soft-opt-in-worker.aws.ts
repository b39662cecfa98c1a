import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { SQSHandler } from "aws-lambda";
import { awsTableStore } from "../../../platform/adapters/aws/dynamodb-table-store.factory.ts";
import { EventBridgePublisher } from "../../../platform/adapters/aws/eventbridge.publisher.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { ConsentStoreRepository } from "../../adapters/dynamodb/consent-store.repository.ts";
import { UserStoreRepository } from "../../adapters/dynamodb/user-store.repository.ts";
import { handleSoftOptInMessages, type SoftOptInWorkerDeps } from "../../workers/soft-opt-in.worker.ts";
import {
  loadSoftOptInWorkerConfig,
  type SoftOptInWorkerConfig,
} from "../config/soft-opt-in-worker.config.ts";

/**
 * The soft opt-in worker's composition root, once at cold start: the users and their consents on the
 * users table, and the bus the ConsentRecorded events are published to after each commit.
 */
export function buildSoftOptInWorker(
  config: SoftOptInWorkerConfig,
  clock: Clock = systemClock,
): SoftOptInWorkerDeps {
  const logger = createLogger("user-service-soft-opt-ins", config.LOG_LEVEL);
  const store = awsTableStore(config, clock);
  return {
    logger,
    clock,
    users: new UserStoreRepository(store),
    consents: new ConsentStoreRepository(store),
    events: new EventBridgePublisher({
      client: new EventBridgeClient({ region: config.AWS_REGION }),
      busName: config.EVENT_BUS_NAME,
    }),
  };
}

/** The soft opt-in worker's Lambda handler, composed once at cold start from `env`. */
export function softOptInWorkerHandler(env: Record<string, string | undefined>): SQSHandler {
  const deps = buildSoftOptInWorker(loadSoftOptInWorkerConfig(env));
  return (event, context) => handleSoftOptInMessages(deps, event.Records, context);
}
