import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { NotificationAnswer } from "../../contracts/purchases/purchases.http.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { receiveAppleNotification } from "../use-cases/notifications/receive-apple-notification.use-case.ts";
import { receiveGoogleNotification } from "../use-cases/notifications/receive-google-notification.use-case.ts";
import type { PurchasesDeps } from "../use-cases/purchases.deps.ts";

const TAG = "Store notifications";
const anyJson = (name: string) => ({
  required: true,
  content: { "application/json": { schema: z.object({}).passthrough().openapi(name) } },
});
const received = {
  200: {
    description: "Verified and recorded (or a redelivery, recorded before); the state is fetched after",
    content: { "application/json": { schema: NotificationAnswer } },
  },
};

const appleRoute = createRoute({
  method: "post",
  path: "/apple/pubsub",
  tags: [TAG],
  operationId: "receiveAppleNotification",
  summary: "App Store Server Notifications V2 (no token: Apple's signature is checked)",
  description:
    "Apple's `{ signedPayload }`, verified with Apple's App Store Server Library (Apple's certificate chain, the bundle id, the app's Apple id, the environment). Each notification is recorded once by its notificationUUID and answered at once; the subscription's state is read from the App Store Server API after. A V1 body, a JWS that does not verify or a notification of another app is a 400 and nothing is recorded. Every verified notification answers 200, the kinds Roster does not act on too.",
  security: [],
  request: { body: anyJson("AppleNotificationV2") },
  responses: { ...received, ...problems(400, 503) },
});

const googleRoute = createRoute({
  method: "post",
  path: "/google/pubsub",
  tags: [TAG],
  operationId: "receiveGoogleNotification",
  summary: "Google Play Real-time Developer Notifications by Pub/Sub push (Google's OIDC token)",
  description:
    "A Pub/Sub push whose `Authorization: Bearer` token Google signed for this endpoint's audience and the configured push service account (401 otherwise, and nothing is read). `message.data` is the base64 DeveloperNotification; each is recorded once by Pub/Sub's messageId. Test notifications, one-time products, refund reviews and unknown types are recorded and answered 200, so Pub/Sub does not redeliver them.",
  security: [],
  request: { body: anyJson("PubSubPush") },
  responses: { ...received, ...problems(400, 401, 503) },
});

export function registerPubSubRoutes(app: OpenAPIHono<AppEnv>, deps: PurchasesDeps): void {
  app.openapi(appleRoute, async (c) =>
    c.json(await receiveAppleNotification(deps, c.req.valid("json")), 200),
  );
  app.openapi(googleRoute, async (c) => {
    const answer = await receiveGoogleNotification(deps, c.req.header("authorization"), c.req.valid("json"));
    return c.json(answer, 200);
  });
}
