import * as z from "zod";
import type { CatalogRequest } from "../../platform/events/asyncapi-catalog.ts";
import { catalogRequest } from "../../platform/events/catalog-request.builder.ts";
import {
  CancelSubscription,
  CatalogSubscription,
  SubscribeUser,
  SubscriptionStatusAnswer,
  UserId,
} from "./catalog.http.ts";

/** The routes' principals (catalog.routes.ts); a user acts only for themself. */
const CALLERS = ["the user themself", "services", "operators"] as const;

/** GetSubscriptionStatus 0.0.2 asks with its path alone: the user whose status it wants. */
export const GetSubscriptionStatusParams = z
  .strictObject({ userId: UserId })
  .meta({ id: "GetSubscriptionStatusParams", examples: [{ userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3" }] });

/**
 * The commands and queries the Subscription Service receives over HTTP, with seed 002's names, versions
 * and summaries exactly, from the schemas its routes validate. The Subscription Service owns them, so
 * they live beside its contract; `npm run catalog` and the console's catalogue both read this list.
 */
export const SUBSCRIPTION_REQUESTS: readonly CatalogRequest[] = [
  catalogRequest({
    id: "SubscribeUser",
    version: "0.0.1",
    type: "command",
    summary: "Command that will try and subscribe a given user",
    method: "POST",
    path: "/subscriptions",
    callers: CALLERS,
    request: SubscribeUser,
    answer: { status: 201, schema: CatalogSubscription },
  }),
  catalogRequest({
    id: "CancelSubscription",
    version: "0.0.1",
    type: "command",
    summary: "Command that will try and cancel a users subscription",
    method: "POST",
    path: "/subscriptions/{subscriptionId}/cancel",
    callers: CALLERS,
    request: CancelSubscription,
    answer: { status: 200, schema: CatalogSubscription },
  }),
  catalogRequest({
    id: "GetSubscriptionStatus",
    version: "0.0.2",
    type: "query",
    summary:
      "GET request that will return the current subscription status for a specific user, identified by their userId.",
    method: "GET",
    path: "/subscriptions/{userId}/status",
    callers: CALLERS,
    request: GetSubscriptionStatusParams,
    answer: { status: 200, schema: SubscriptionStatusAnswer },
  }),
];
