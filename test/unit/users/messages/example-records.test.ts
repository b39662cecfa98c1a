import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  PAYMENT_CHARGED_BACK_EXAMPLE,
  PaymentRecordSchema,
} from "../../../../src/contracts/payments/payments.message.ts";
import {
  SUBSCRIPTION_PAUSE_RESUME_EXAMPLE,
  SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE,
  SubscriptionRecordSchema,
} from "../../../../src/contracts/subscriptions/subscriptions.message.ts";

/**
 * The records a person puts with `npm run events -- put <stream> examples/events/<file>` (README): each
 * must parse with its stream's schema, or the CLI refuses it without --raw, and each is the example the
 * AsyncAPI document shows for that stream.
 */
const EXAMPLES = [
  {
    file: "payments-charged-back.json",
    schema: PaymentRecordSchema,
    documented: PAYMENT_CHARGED_BACK_EXAMPLE,
  },
  {
    file: "subscriptions-pause-skipped.json",
    schema: SubscriptionRecordSchema,
    documented: SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE,
  },
  {
    file: "subscriptions-pause-resume.json",
    schema: SubscriptionRecordSchema,
    documented: SUBSCRIPTION_PAUSE_RESUME_EXAMPLE,
  },
] as const;

const read = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../../examples/events/${file}`, import.meta.url), "utf8"));

const issuesOf = (schema: z.ZodType, input: unknown): string[] => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the example records in examples/events", () => {
  it.each(EXAMPLES)("$file parses with its stream's schema", ({ file, schema }) => {
    const record = read(file);

    const issues = issuesOf(schema, record);

    expect(issues).toEqual([]);
  });

  it.each(EXAMPLES)("$file is the example the AsyncAPI document shows", ({ file, documented }) => {
    const record = read(file);

    expect(record).toEqual(documented);
  });

  it("are what the workers act on: a chargeback, a skipped collection and a resume", () => {
    const [payment, skipped, resumed] = EXAMPLES.map(({ file, schema }) => schema.parse(read(file)));

    expect(payment).toMatchObject({ payload: { status: "CHARGED_BACK" } });
    expect(skipped).toMatchObject({ payload: { updated_event: "pause-skipped" } });
    expect(resumed).toMatchObject({
      payload: { updated_event: "pause-resume", unpause_date: "2025-06-01T00:00:00.000Z" },
    });
  });
});
