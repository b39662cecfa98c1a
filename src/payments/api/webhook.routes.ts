import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { text } from "../../platform/http/text.schemas.ts";
import {
  receiveGatewayEvent,
  type WebhookDeps,
} from "../use-cases/webhooks/receive-gateway-event.use-case.ts";

const WebhookHeaders = z.object({
  "stripe-signature": text({
    max: 2048,
    description: "Stripe's signature of the body: t=...,v1=...",
  }).openapi({
    param: { name: "stripe-signature", in: "header", required: true },
    example: "t=1733130000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
  }),
});

const webhookRoute = createRoute({
  method: "post",
  path: "/payments/webhooks/stripe",
  tags: ["Webhooks"],
  operationId: "receiveStripeWebhook",
  summary: "The gateway's events (no token: the Stripe signature is checked)",
  description:
    "Stripe's webhook: the signature is checked with the Stripe SDK (400 when it does not verify, and nothing happens). Each event applies at most once; a redelivery answers 200 and changes nothing. Disputes charge back or reinstate the charge; effects reach the `payments` stream through the outbox.",
  security: [],
  request: {
    headers: WebhookHeaders,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({}).passthrough().openapi("StripeEvent") } },
    },
  },
  responses: {
    200: {
      description: "The event was received (and applied, or already applied, or not one Roster acts on)",
      content: {
        "application/json": {
          schema: z.object({ received: z.literal(true), applied: z.boolean() }).openapi("WebhookReceipt"),
        },
      },
    },
    ...problems(400),
  },
});

export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, deps: WebhookDeps): void {
  app.openapi(webhookRoute, async (c) => {
    // The signature covers the exact bytes sent: verify the raw body, not a re-serialised one.
    const payload = await c.req.text();
    return c.json(await receiveGatewayEvent(deps, payload, c.req.valid("header")["stripe-signature"]), 200);
  });
}
