import type { Platform } from "./store-subscription.ts";

/**
 * A soft opt-in as the Purchases service decides it: `Acquisition` when a user is linked to a
 * subscription, `Cancellation` when the subscription's retention ended and the link was severed. The
 * queue's contract (`src/contracts/purchases/soft-opt-in.message.ts`) is its wire form.
 */
export interface SoftOptIn {
  /** Stable across redeliveries: `acquisition:{subscriptionId}:{userId}`, `cancellation:...`. */
  readonly messageId: string;
  readonly eventType: "Acquisition" | "Cancellation";
  readonly userId: string;
  readonly subscriptionId: string;
  readonly platform: Platform;
  readonly productName: string;
  readonly occurredAt: Date;
}
