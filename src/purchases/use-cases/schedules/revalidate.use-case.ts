import type { FetchRequest } from "../../domain/fetch-request.ts";
import type { Purchase } from "../../domain/purchase.ts";
import { inWindow, slotAt, slotOf, windowDays } from "../../domain/revalidation.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";

export interface RevalidationResult {
  readonly slot: number;
  readonly queued: number;
}

/**
 * One run of the revalidation schedule: reads the expiry index a day at a time over the window (never a
 * Scan), keeps the subscriptions that renew by themselves, are not replaced and fall in this run's slot,
 * and queues a fetch of each. The fetch's request id names the run, so a run repeated (a retried
 * schedule) is deduplicated by the queue and a fetch is idempotent anyway.
 */
export async function revalidate(
  deps: Pick<PurchasesDeps, "purchases" | "fetchQueue" | "clock">,
): Promise<RevalidationResult> {
  const now = deps.clock.now();
  const slot = slotAt(now);
  const run = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
  let queued = 0;
  for (const day of windowDays(now)) {
    let cursor: string | undefined;
    do {
      const page = await deps.purchases.expiringOn(day, cursor);
      const due = page.purchases.filter((purchase) => isDue(purchase, now, slot));
      if (due.length > 0) {
        await deps.fetchQueue.send(due.map((purchase) => fetchOf(purchase, run)));
        queued += due.length;
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return { slot, queued };
}

function isDue(purchase: Purchase, now: Date, slot: number): boolean {
  return (
    purchase.autoRenew &&
    purchase.replacedBy === undefined &&
    inWindow(purchase.expiresAt, now) &&
    slotOf(purchase.subscriptionId) === slot
  );
}

function fetchOf(purchase: Purchase, run: string): FetchRequest {
  return {
    platform: purchase.platform,
    app: purchase.app,
    environment: purchase.environment,
    storeId: purchase.storeId,
    ...(purchase.platform === "google" ? { productId: purchase.productId } : {}),
    reason: "revalidation",
    requestId: `revalidation:${run}:${purchase.subscriptionId}`,
  };
}
