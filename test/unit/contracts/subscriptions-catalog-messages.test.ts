import { describe, expect, it } from "vitest";
import {
  GetSubscriptionStatusParams,
  SUBSCRIPTION_REQUESTS,
} from "../../../src/contracts/subscriptions/catalog.messages.ts";
import { createSubscriptionsApp } from "../../../src/subscriptions/api/subscriptions.app.ts";
import type { SubscriptionDeps } from "../../../src/subscriptions/use-cases/subscription.deps.ts";
import type { Json } from "../../support/json.ts";
import { testLogger } from "../../support/log-capture.ts";

describe("the Subscription Service's commands and queries in the catalogue", () => {
  it("name operations its OpenAPI document serves, with the answer's status", async () => {
    const app = createSubscriptionsApp({
      subscriptions: {} as SubscriptionDeps,
      logger: testLogger("subscriptions-catalog-messages"),
      principals: { resolve: async () => undefined },
      health: [],
    });
    const doc = (await (await app.request("/openapi.json")).json()) as Json;
    const paths = doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    for (const request of SUBSCRIPTION_REQUESTS) {
      const operation = paths[request.path]?.[request.method.toLowerCase()];
      expect(operation, `${request.method} ${request.path}`).toBeDefined();
      expect(Object.keys(operation?.responses ?? {})).toContain(String(request.answer.status));
    }
  });

  it("ask GetSubscriptionStatus with a path parameter its example fills", () => {
    const status = SUBSCRIPTION_REQUESTS.find((request) => request.id === "GetSubscriptionStatus");
    expect(status?.path).toContain("{userId}");
    for (const example of status?.examples ?? []) GetSubscriptionStatusParams.parse(example.payload);
    expect(status?.examples).toHaveLength(1);
  });
});
