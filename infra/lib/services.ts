/**
 * Every Roster service deployed to a stage, each from its own folder (infra/lib/<service>/): adding a
 * service is its folder and one line here. Any order: streams are looked up at synth
 * (shared/streams.registry.ts).
 */
import { consoleService } from "./console/console.service.ts";
import { paymentService } from "./payments/payments.service.ts";
import { purchaseService } from "./purchases/purchases.service.ts";
import type { RosterService } from "./shared/roster-service.ts";
import { subscriptionService } from "./subscriptions/subscriptions.service.ts";
import { userService } from "./users/users.service.ts";

export const SERVICES: readonly RosterService[] = [
  userService,
  paymentService,
  subscriptionService,
  purchaseService,
  consoleService,
];
