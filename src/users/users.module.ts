import { paymentsStream } from "../contracts/payments/payments.stream.ts";
import { softOptInQueue } from "../contracts/purchases/soft-opt-in.message.ts";
import { subscriptionsStream } from "../contracts/subscriptions/subscriptions.stream.ts";
import { usersStream } from "../contracts/users/users.stream.ts";
import type { ServiceModule } from "../platform/service/service-module.ts";
import { userServiceTables } from "./adapters/dynamodb/users.tables.ts";
import { usersExampleFillers } from "./wiring/local/example-records.local.ts";
import { usersInspectCommands } from "./wiring/local/inspect.local.ts";
import { startUsers } from "./wiring/local/users.local.ts";

/**
 * The User Service (seeds 000, 003, 004) as the local runtime composes it: the users and legacy tables,
 * the `users` stream its feeder produces, its cleanup queue, and the `payments` and `subscriptions`
 * streams its workers read, and the Purchases service's soft opt-in queue. On AWS: `lambda/` and `infra/lib/users/`.
 */
export const usersModule: ServiceModule = {
  name: "users",
  title: "User Service",
  tables: userServiceTables,
  streams: [usersStream],
  consumes: [paymentsStream, subscriptionsStream],
  queues: [
    {
      name: "cleanup",
      physicalName: (stage) => `${stage}-user-service-cleanup`,
      deadLetterName: (stage) => `${stage}-user-service-cleanup-dlq`,
    },
  ],
  // The Purchases service's soft opt-ins, recorded as consent items.
  consumesQueues: [softOptInQueue],
  inspect: usersInspectCommands,
  examples: usersExampleFillers,
  start: startUsers,
};
