import { ValidationError } from "../../../platform/errors/app.errors.ts";
import { appNamed } from "../../domain/apps.ts";
import type { FetchRequest } from "../../domain/fetch-request.ts";
import { type Platform, subscriptionIdOf } from "../../domain/store-subscription.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";

export interface LinkRequest {
  /** The app's name as configured (`ios`, `android`, `ios-feast`...). */
  readonly platform: string;
  /** The store's ids (originalTransactionId, purchaseToken), in the order sent, duplicates allowed. */
  readonly storeIds: readonly string[];
}

export interface LinkResult {
  readonly linked: number;
  /** Links that already existed (a restore sent twice): nothing changed for them. */
  readonly alreadyLinked: number;
}

/**
 * `POST /{apple,google}/linkToSubscriptions`: links the signed-in user to each subscription (a user
 * links only to themself: the user id is the token's), duplicates folded, and queues a fetch of each so
 * the table has its state even before the store's first notification. The queue takes ten a batch;
 * any number of items goes in as many batches.
 */
export async function linkSubscriptions(
  deps: Pick<PurchasesDeps, "apps" | "links" | "fetchQueue" | "clock" | "ids">,
  userId: string,
  platform: Platform,
  request: LinkRequest,
): Promise<LinkResult> {
  const app = appNamed(deps.apps, request.platform, platform);
  if (!app)
    throw new ValidationError([
      { path: "platform", message: `no ${platform} app is called ${JSON.stringify(request.platform)} here` },
    ]);
  const storeIds = [...new Set(request.storeIds)];
  const requestId = deps.ids.next();
  const fetches: FetchRequest[] = storeIds.map((storeId) => ({
    platform,
    app: app.app,
    environment: app.environments[0] ?? "production",
    storeId,
    reason: "link",
    requestId: `link:${requestId}:${storeId.slice(0, 16)}`,
  }));
  await deps.fetchQueue.send(fetches);
  let linked = 0;
  for (const storeId of storeIds) {
    const created = await deps.links.link({
      userId,
      subscriptionId: subscriptionIdOf(platform, storeId),
      source: "link",
      createdAt: deps.clock.now(),
    });
    if (created) linked += 1;
  }
  return { linked, alreadyLinked: storeIds.length - linked };
}
