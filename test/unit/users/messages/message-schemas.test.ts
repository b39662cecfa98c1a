import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  PaymentDisputeUpdatedV1Schema,
  PaymentProcessedV0Schema,
  PaymentProcessedV1Schema,
  PaymentRecordSchema,
  PaymentRefundedV1Schema,
} from "../../../../src/contracts/payments/payments.message.ts";
import { SubscriptionRecordSchema } from "../../../../src/contracts/subscriptions/subscriptions.message.ts";
import {
  MembershipChangedSchema,
  UserChangedSchema,
  UsersStreamRecordSchema,
} from "../../../../src/contracts/users/users.message.ts";
import { CleanupMessageSchema } from "../../../../src/users/messages/cleanup.message.ts";

type Example = Record<string, unknown> & { payload?: Record<string, unknown> };

const examplesOf = (schema: z.ZodType) => (schema.meta()?.examples ?? []) as Example[];

/** Each documented schema, the stream-level schema its records are parsed with, and a field to break. */
const CASES = [
  { name: "PaymentProcessed 0.0.1", schema: PaymentProcessedV0Schema, parser: PaymentRecordSchema },
  { name: "PaymentProcessed 1.0.0", schema: PaymentProcessedV1Schema, parser: PaymentRecordSchema },
  { name: "PaymentRefunded 1.0.0", schema: PaymentRefundedV1Schema, parser: PaymentRecordSchema },
  { name: "PaymentDisputeUpdated 1.0.0", schema: PaymentDisputeUpdatedV1Schema, parser: PaymentRecordSchema },
  { name: "SubscriptionUpdated", schema: SubscriptionRecordSchema, parser: SubscriptionRecordSchema },
  { name: "UserChanged", schema: UserChangedSchema, parser: UsersStreamRecordSchema },
  { name: "MembershipChanged", schema: MembershipChangedSchema, parser: UsersStreamRecordSchema },
  { name: "CleanupRequested", schema: CleanupMessageSchema, parser: CleanupMessageSchema },
];

const issuesOf = (parser: z.ZodType, input: unknown) => {
  const result = parser.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the message schemas", () => {
  it.each(CASES)("$name documents examples that it and its stream's parser accept", ({ schema, parser }) => {
    const examples = examplesOf(schema);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      expect(issuesOf(schema, example)).toEqual([]);
      expect(issuesOf(parser, example)).toEqual([]);
    }
  });

  it.each(CASES)(
    "$name refuses a record without a valid timestamp, naming the field",
    ({ schema, parser }) => {
      const [example] = examplesOf(schema);
      const broken =
        "occurred_at" in example!
          ? { ...example, occurred_at: "yesterday" }
          : { ...example, requested_at: 7 };
      const field = "occurred_at" in example! ? "occurred_at" : "requested_at";
      expect(issuesOf(parser, broken)).toEqual([expect.stringMatching(new RegExp(`^${field}: `))]);
    },
  );

  it("refuses a payment status it does not know, naming payload.status", () => {
    const [example] = examplesOf(PaymentProcessedV1Schema);
    const broken = { ...example, payload: { ...example!.payload, status: "REFUNDED" } };
    expect(issuesOf(PaymentRecordSchema, broken)).toEqual([expect.stringMatching(/^payload\.status: /)]);
  });

  it("chooses a payments record by event_type, then version, refusing a type it does not know", () => {
    const [refund] = examplesOf(PaymentRefundedV1Schema);
    expect(issuesOf(PaymentRecordSchema, { ...refund, event_type: "PaymentVanished" })).toEqual([
      expect.stringMatching(/^event_type: /),
    ]);
    expect(
      issuesOf(PaymentRecordSchema, { ...refund, payload: { ...refund!.payload, amountCents: 9.99 } }),
    ).toEqual([expect.stringMatching(/^payload\.amountCents: /)]);
  });

  it("refuses a 1.0.0 payment without the fields 1.0.0 added, and an unknown version", () => {
    const [v0] = examplesOf(PaymentProcessedV0Schema);
    expect(issuesOf(PaymentRecordSchema, { ...v0, version: "1.0.0" })).toEqual([
      expect.stringMatching(/^payload\.currency: /),
      expect.stringMatching(/^payload\.paymentId: /),
    ]);
    expect(issuesOf(PaymentRecordSchema, { ...v0, version: "2.0.0" })).toEqual([
      expect.stringMatching(/^version: /),
    ]);
  });

  it("accepts any updated_event (the worker skips the ones it does not handle) but not a missing user id", () => {
    const [example] = examplesOf(SubscriptionRecordSchema);
    const other = { ...example, payload: { ...example!.payload, updated_event: "plan-changed" } };
    expect(issuesOf(SubscriptionRecordSchema, other)).toEqual([]);
    const { user_id: _gone, ...payload } = example!.payload!;
    expect(issuesOf(SubscriptionRecordSchema, { ...example, payload })).toEqual([
      expect.stringMatching(/^payload\.user_id: /),
    ]);
  });

  it("passes the record's other attributes through a users event and refuses an unknown db_type", () => {
    const [example] = examplesOf(MembershipChangedSchema);
    const parsed = UsersStreamRecordSchema.parse(example);
    expect(parsed.payload).toEqual(example!.payload);
    expect(issuesOf(UsersStreamRecordSchema, { ...example, db_type: "TAG" })).toEqual([
      expect.stringMatching(/^db_type: /),
    ]);
  });
});
