import { paymentsStream } from "../contracts/payments/payments.stream.ts";
import { subscriptionsStream } from "../contracts/subscriptions/subscriptions.stream.ts";
import { usersStream } from "../contracts/users/users.stream.ts";
import type { ServiceModule } from "../platform/service/service-module.ts";
import { subscriptionsInspectCommands } from "./wiring/local/inspect.local.ts";
import { startSubscriptions } from "./wiring/local/subscriptions.local.ts";

/**
 * The Subscription Service (seeds 000, 002, 004) as the local runtime composes it: the `subscriptions`
 * stream it produces (the User Service's subscriptions worker reads it), the `payments` and `users`
 * streams it reads, the members' notices queue it fills (for a sender outside Roster), and its own
 * PostgreSQL database. On AWS: `infra/lib/subscriptions/`.
 */
export const subscriptionsModule: ServiceModule = {
  name: "subscriptions",
  title: "Subscription Service",
  tables: [],
  streams: [subscriptionsStream],
  consumes: [paymentsStream, usersStream],
  queues: [
    {
      name: "notifications",
      physicalName: (stage) => `${stage}-subscription-notifications`,
      deadLetterName: (stage) => `${stage}-subscription-notifications-dlq`,
    },
  ],
  inspect: subscriptionsInspectCommands,
  start: startSubscriptions,
};
