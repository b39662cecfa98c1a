import { appOf } from "../../domain/apps.ts";
import type { Purchase } from "../../domain/purchase.ts";
import type { SoftOptIn } from "../../domain/soft-opt-in.ts";
import type { UserLink } from "../../domain/user-link.ts";
import type { OptInDeps } from "./opt-in.deps.ts";

/** A link made this long after its subscription expired earns no opt-in (the model's rule). */
export const OPT_IN_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
/** The product name of an app missing from the configuration (an app removed since). */
const DEFAULT_PRODUCT_NAME = "InAppPurchase";

export type AcquisitionOutcome =
  | { readonly sent: number }
  | { readonly skipped: "no purchase yet" | "replaced" | "expired" | "carried over" };

/**
 * A new link (`user-subscriptions` INSERT): the member opted in by buying, so the User Service records
 * a soft opt-in. The link may come before the store's state (a link call enqueues its fetch first, but
 * the fetch runs later): then nothing is sent now and the purchase's first write sends it
 * (`acquisitionsForNewPurchase`). Both may send it; the message id and the consent's time (the link's)
 * are the same, so the User Service records it once. A link a Google upgrade carried over is no new
 * opt-in.
 */
export async function acquisitionForLink(deps: OptInDeps, link: UserLink): Promise<AcquisitionOutcome> {
  if (link.source === "linked-purchase") return { skipped: "carried over" };
  const purchase = await deps.purchases.get(link.subscriptionId);
  if (!purchase) return { skipped: "no purchase yet" };
  return sendAcquisitions(deps, purchase, [link]);
}

/** A purchase stored for the first time (`subscriptions` INSERT): the opt-ins of the links made before it. */
export async function acquisitionsForNewPurchase(
  deps: OptInDeps,
  purchase: Purchase,
): Promise<AcquisitionOutcome> {
  const links = (await deps.links.usersOf(purchase.subscriptionId)).filter(
    (link) => link.source !== "linked-purchase",
  );
  return sendAcquisitions(deps, purchase, links);
}

async function sendAcquisitions(
  deps: OptInDeps,
  purchase: Purchase,
  links: readonly UserLink[],
): Promise<AcquisitionOutcome> {
  if (purchase.replacedBy) return { skipped: "replaced" };
  if (deps.clock.now().getTime() > purchase.expiresAt.getTime() + OPT_IN_WINDOW_MS)
    return { skipped: "expired" };
  if (links.length === 0) return { sent: 0 };
  const app = appOf(deps.apps, purchase.platform, purchase.app);
  const productName = app?.productName ?? DEFAULT_PRODUCT_NAME;
  const messages: SoftOptIn[] = links.map((link) => ({
    messageId: `acquisition:${purchase.subscriptionId}:${link.userId}`,
    eventType: "Acquisition",
    userId: link.userId,
    subscriptionId: purchase.subscriptionId,
    platform: purchase.platform,
    productName,
    occurredAt: link.createdAt,
  }));
  await deps.optIns.send(messages);
  const campaignId = app?.welcomeCampaign;
  if (campaignId && deps.braze)
    for (const message of messages)
      await deps.braze.sendWelcome({ campaignId, userId: message.userId, productName });
  return { sent: messages.length };
}
