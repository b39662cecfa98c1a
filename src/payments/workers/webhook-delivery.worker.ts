import type { Logger } from "../../platform/logging/logger.ts";
import type { SignedWebhook } from "../adapters/sandbox/sandbox-webhooks.ts";

export interface WebhookSource {
  pendingWebhooks(): Promise<SignedWebhook[]>;
  acknowledgeWebhook(eventId: string): Promise<void>;
}

export interface WebhookDeliveryDeps {
  readonly source: WebhookSource;
  /** The Payment Service's API, in process: the webhook goes through its route, signature and all. */
  fetch(request: Request): Promise<Response>;
  readonly logger: Logger;
}

/**
 * The local stand-in for Stripe's webhook deliveries: each pending event of the sandbox gateway is
 * POSTed to `/payments/webhooks/stripe` with its signature, and dropped once answered 2xx; any other
 * answer leaves it for the next run, as Stripe retries.
 */
export async function deliverWebhooks(deps: WebhookDeliveryDeps): Promise<number> {
  let delivered = 0;
  for (const webhook of await deps.source.pendingWebhooks()) {
    const answer = await deps.fetch(
      new Request("http://roster.local/payments/webhooks/stripe", {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": webhook.signature },
        body: webhook.payload,
      }),
    );
    if (!answer.ok) {
      deps.logger.warn("webhook not accepted; it will be delivered again", {
        event_id: webhook.eventId,
        status: answer.status,
      });
      continue;
    }
    await deps.source.acknowledgeWebhook(webhook.eventId);
    delivered += 1;
  }
  return delivered;
}
