import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  PaymentProcessedV0Schema,
  PaymentProcessedV1Schema,
} from "../../../src/contracts/payments/payments.message.ts";
import {
  UserSubscriptionCancelled,
  UserSubscriptionStarted,
} from "../../../src/contracts/subscriptions/catalog.events.ts";
import {
  CancelSubscription,
  SubscribeUser,
  SubscriptionStatusAnswer,
} from "../../../src/contracts/subscriptions/catalog.http.ts";
import { SubscriptionRecordSchema } from "../../../src/contracts/subscriptions/subscriptions.message.ts";
import { createSubscriptionsApp } from "../../../src/subscriptions/api/subscriptions.app.ts";
import type { SubscriptionDeps } from "../../../src/subscriptions/use-cases/subscription.deps.ts";
import type { Json } from "../../support/json.ts";
import { testLogger } from "../../support/log-capture.ts";

interface ObjectSchema {
  readonly properties: Record<string, { readonly description?: string }>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
}
/** The schema's JSON Schema, its root `$ref` (a schema with an `id`) resolved. */
const jsonSchema = (schema: z.ZodType): ObjectSchema => {
  const json = z.toJSONSchema(schema) as { $ref?: string; $defs?: Record<string, unknown> };
  const id = json.$ref?.replace("#/$defs/", "");
  return (id ? json.$defs?.[id] : json) as ObjectSchema;
};
const examplesOf = (schema: z.ZodType) => (z.globalRegistry.get(schema)?.examples ?? []) as unknown[];

/** The catalogue's fields (seed 002; research/billing.md §1): all of them, then the required ones. */
const CATALOGUE: [string, z.ZodType, string[], string[]][] = [
  [
    "SubscribeUser 0.0.1",
    SubscribeUser,
    ["userId", "planId", "paymentMethod", "startDate", "timestamp"],
    ["userId", "planId", "paymentMethod", "timestamp"],
  ],
  [
    "CancelSubscription 0.0.1",
    CancelSubscription,
    ["subscriptionId", "userId", "reason", "cancelImmediately", "timestamp"],
    ["subscriptionId", "userId", "timestamp"],
  ],
  [
    "GetSubscriptionStatus 0.0.2",
    SubscriptionStatusAnswer,
    [
      "userId",
      "subscriptionStatus",
      "subscriptionPlan",
      "nextBillingDate",
      "billingFrequency",
      "amount",
      "currency",
      "lastPaymentDate",
    ],
    [
      "userId",
      "subscriptionStatus",
      "subscriptionPlan",
      "nextBillingDate",
      "billingFrequency",
      "amount",
      "currency",
      "lastPaymentDate",
    ],
  ],
  [
    "UserSubscriptionStarted 0.0.1",
    UserSubscriptionStarted,
    ["subscriptionId", "userId", "planId", "startDate", "billingCycle", "timestamp"],
    ["subscriptionId", "userId", "planId", "startDate", "timestamp"],
  ],
  [
    "UserSubscriptionCancelled 0.0.1",
    UserSubscriptionCancelled,
    ["subscriptionId", "userId", "planId", "cancellationReason", "effectiveDate", "timestamp"],
    ["subscriptionId", "userId", "timestamp"],
  ],
];

// PaymentProcessed is the Payment Service's contract: the catalogue's fields less `confirmationDetails`
// (the gateway's answer stays behind the Payment Service, ADR-005; payments.message.ts says so) and with
// `paymentMethod` always sent.
const PAYMENT_V0 = ["transactionId", "userId", "orderId", "amount", "paymentMethod", "status", "timestamp"];
const PAYMENT_V1 = [...PAYMENT_V0, "currency", "subscriptionId", "paymentId"];
const PAYMENTS: [string, z.ZodType, string[], string[]][] = [
  ["PaymentProcessed 0.0.1", PaymentProcessedV0Schema, PAYMENT_V0, PAYMENT_V0],
  [
    "PaymentProcessed 1.0.0",
    PaymentProcessedV1Schema,
    PAYMENT_V1,
    PAYMENT_V1.filter((f) => f !== "subscriptionId"),
  ],
];

const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();

describe("the catalogue's contracts of the Subscription Service", () => {
  it.each(CATALOGUE)(
    "%s has exactly the catalogue's fields and required fields, strictly",
    (_, schema, fields, required) => {
      const json = jsonSchema(schema);
      expect(sorted(Object.keys(json.properties))).toEqual(sorted(fields));
      expect(sorted(json.required)).toEqual(sorted(required));
      expect(json.additionalProperties).toBe(false);
      expect(json.properties.userId?.description).toMatch(/Auth0/);
    },
  );

  it.each(PAYMENTS)("%s's payload has the fields the service consumes", (_, schema, fields, required) => {
    const payload = (jsonSchema(schema).properties as unknown as Record<string, ObjectSchema>)
      .payload as ObjectSchema;
    expect(sorted(Object.keys(payload.properties))).toEqual(sorted(fields));
    expect(sorted(payload.required)).toEqual(sorted(required));
  });

  const EXAMPLED: [string, z.ZodType][] = [
    ...[...CATALOGUE, ...PAYMENTS].map(([name, schema]): [string, z.ZodType] => [name, schema]),
    ["SubscriptionUpdated 1.0.0", SubscriptionRecordSchema],
  ];
  it.each(EXAMPLED)("every example of %s validates", (_, schema) => {
    const examples = examplesOf(schema);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) schema.parse(example);
  });

  it("serves the three operations at the catalogue's paths with its status codes, userId described", async () => {
    const app = createSubscriptionsApp({
      subscriptions: {} as SubscriptionDeps,
      logger: testLogger("subscriptions-catalog-contract"),
      principals: { resolve: async () => undefined },
      health: [],
    });
    const doc = (await (await app.request("/openapi.json")).json()) as Json;
    const paths = doc.paths as Record<
      string,
      Record<string, { responses: Record<string, unknown>; parameters?: Json[] }>
    >;
    const codes = (path: string, method: string) => Object.keys(paths[path]?.[method]?.responses ?? {});
    expect(codes("/subscriptions", "post")).toEqual(expect.arrayContaining(["201", "400"]));
    expect(codes("/subscriptions/{subscriptionId}/cancel", "post")).toEqual(
      expect.arrayContaining(["200", "404"]),
    );
    expect(codes("/subscriptions/{userId}/status", "get")).toEqual(expect.arrayContaining(["200", "404"]));
    const userParam = paths["/subscriptions/{userId}/status"]?.get?.parameters?.find(
      (p) => p.name === "userId",
    );
    expect(JSON.stringify(userParam)).toMatch(/Auth0/);
  });
});
