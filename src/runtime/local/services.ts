import { consoleModule } from "../../console/console.module.ts";
import { paymentsModule } from "../../payments/payments.module.ts";
import type { ServiceModule } from "../../platform/service/service-module.ts";
import { purchasesModule } from "../../purchases/purchases.module.ts";
import { subscriptionsModule } from "../../subscriptions/subscriptions.module.ts";
import { usersModule } from "../../users/users.module.ts";

/** Every Roster service the local process runs. Adding a service is one line here. */
export const SERVICES: readonly ServiceModule[] = [
  usersModule,
  paymentsModule,
  subscriptionsModule,
  purchasesModule,
  consoleModule,
];
