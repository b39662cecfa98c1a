import { appOf } from "../../domain/apps.ts";
import { type Purchase, retentionEnd } from "../../domain/purchase.ts";
import type { SoftOptIn } from "../../domain/soft-opt-in.ts";
import type { OptInDeps } from "./opt-in.deps.ts";

export interface SeveranceOutcome {
  readonly severed: number;
  readonly cancellations: number;
}

/**
 * The table's TTL deleted a subscription (its retention ended): every link to it is severed, and every
 * linked user gets a soft opt-in cancellation (the model sent one to the first user only). A purchase a
 * Google upgrade replaced sends none: its users hold the new one. Cancellations go first and the links
 * after, so a crash in between repeats both (the message id and the consent's time are stable: the
 * retention's end).
 */
export async function severDeletedSubscription(
  deps: OptInDeps,
  purchase: Purchase,
): Promise<SeveranceOutcome> {
  const links = await deps.links.usersOf(purchase.subscriptionId);
  if (links.length === 0) return { severed: 0, cancellations: 0 };
  const productName = appOf(deps.apps, purchase.platform, purchase.app)?.productName ?? "InAppPurchase";
  const occurredAt = retentionEnd(purchase.expiresAt);
  const messages: SoftOptIn[] = purchase.replacedBy
    ? []
    : links.map((link) => ({
        messageId: `cancellation:${purchase.subscriptionId}:${link.userId}`,
        eventType: "Cancellation",
        userId: link.userId,
        subscriptionId: purchase.subscriptionId,
        platform: purchase.platform,
        productName,
        occurredAt,
      }));
  if (messages.length > 0) await deps.optIns.send(messages);
  for (const link of links) await deps.links.unlink(link.userId, link.subscriptionId);
  return { severed: links.length, cancellations: messages.length };
}
