import { softOptInQueue } from "../contracts/purchases/soft-opt-in.message.ts";
import type { ServiceModule } from "../platform/service/service-module.ts";
import { purchasesTables } from "./adapters/dynamodb/purchases.tables.ts";
import { fetchQueue, snapshotsQueue } from "./adapters/queue/purchases.queues.ts";
import { startPurchases } from "./wiring/local/purchases.local.ts";

/**
 * The Purchases service (seed 001) as the local runtime composes it: its four tables, the FIFO fetch
 * queue (grouped by subscription), the soft opt-in queue the User Service reads, the historical
 * snapshot queue. On AWS: `lambda/` and `infra/lib/purchases/`.
 */
export const purchasesModule: ServiceModule = {
  name: "purchases",
  title: "Purchases Service",
  tables: purchasesTables,
  streams: [],
  consumes: [],
  queues: [fetchQueue, softOptInQueue, snapshotsQueue],
  start: startPurchases,
};
