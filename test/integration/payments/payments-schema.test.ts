import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  migratedPayments,
  migratePayments,
  sqlState,
} from "../../suites/payments/payment-schema-fixtures.ts";

const CHECK = "23514";
const UNIQUE = "23505";
const FOREIGN_KEY = "23503";
const NOT_NULL = "23502";
const at = new Date("2026-12-01T10:00:00Z");

let store: Awaited<ReturnType<typeof migratedPayments>>;
beforeAll(async () => {
  store = await migratedPayments(4);
  await store.db
    .insertInto("payment_methods")
    .values({ ...method, method_id: "m-base", gateway_ref: "pm_base" })
    .execute();
  await store.db
    .insertInto("charges")
    .values({ ...charge, confirmation_id: "c-base", idempotency_key: "k-base", gateway_ref: "pi_base" })
    .execute();
});
afterAll(() => store.drop());

const method = {
  user_id: "auth0|ada",
  brand: "visa",
  last4: "4242",
  exp_month: 12,
  exp_year: 2030,
  funding: "debit",
  is_default: false,
  status: "active",
  created_at: at,
  detached_at: null,
} as const;

const charge = {
  user_id: "auth0|ada",
  kind: "ONE_TIME",
  amount_cents: 1000,
  currency: "USD",
  description: "Upgrade",
  method_id: "m-base",
  status: "CONFIRMED",
  request_hash: "h",
  created_at: at,
  updated_at: at,
} as const;

let n = 0;
const unique = () => `${++n}`;
const insertMethod = (overrides: Record<string, unknown>) =>
  sqlState(
    store.db
      .insertInto("payment_methods")
      .values({ ...method, method_id: `m-${unique()}`, gateway_ref: `pm_${unique()}`, ...overrides } as never)
      .execute(),
  );
const insertCharge = (overrides: Record<string, unknown>) =>
  sqlState(
    store.db
      .insertInto("charges")
      .values({
        ...charge,
        confirmation_id: `c-${unique()}`,
        idempotency_key: `k-${unique()}`,
        gateway_ref: `pi_${unique()}`,
        ...overrides,
      } as never)
      .execute(),
  );
const insertRefund = (overrides: Record<string, unknown>) =>
  sqlState(
    store.db
      .insertInto("refunds")
      .values({
        refund_id: `r-${unique()}`,
        confirmation_id: "c-base",
        amount_cents: 100,
        status: "SUCCEEDED",
        gateway_ref: `re_${unique()}`,
        idempotency_key: `rk-${unique()}`,
        request_hash: "h",
        created_at: at,
        updated_at: at,
        ...overrides,
      } as never)
      .execute(),
  );

describe("the payments schema", () => {
  it("migrates twice safely: the second run runs nothing", async () => {
    expect(await migratePayments(store.db)).toEqual([]);
  });

  // Issue 12: the card stays at the gateway; only its brand, last four digits and expiry are kept.
  it("has no column for a card number or a CVC in any of its tables", async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() order by table_name, column_name`.execute(store.db);
    const columns = rows.map((row) => `${row.table_name}.${row.column_name}`);
    expect(columns).toContain("payment_methods.last4");
    expect(
      columns.filter((column) => /pan|card_?num|number|cvc|cvv|csc|security_code/i.test(column)),
    ).toEqual([]);
  });

  it.each([
    ["a last4 that is not four digits", { last4: "42a2" }, CHECK],
    ["a month 13", { exp_month: 13 }, CHECK],
    ["an unknown funding", { funding: "charge" }, CHECK],
    ["an unknown status", { status: "lost" }, CHECK],
    ["a detached method without its time", { status: "detached" }, CHECK],
    ["a detached default", { status: "detached", detached_at: at, is_default: true }, CHECK],
    ["a gateway reference used before", { gateway_ref: "pm_base" }, UNIQUE],
  ])("refuses a payment method with %s", async (_, overrides, code) => {
    expect(await insertMethod(overrides)).toBe(code);
  });

  it("refuses a second default active method of one user, not a default of another user", async () => {
    expect(await insertMethod({ user_id: "auth0|bob", is_default: true })).toBe("ok");
    expect(await insertMethod({ user_id: "auth0|bob", is_default: true })).toBe(UNIQUE);
    expect(await insertMethod({ user_id: "auth0|eve", is_default: true })).toBe("ok");
  });

  it.each([
    ["zero cents", { amount_cents: 0 }, CHECK],
    ["negative cents", { amount_cents: -5 }, CHECK],
    ["a lower-case currency", { currency: "usd" }, CHECK],
    ["an unknown kind", { kind: "GIFT" }, CHECK],
    ["an unknown status", { status: "CAPTURED" }, CHECK],
    ["a renewal without its cycle", { kind: "RENEWAL", subscription_id: "sub-1" }, CHECK],
    ["a failure without a reason", { status: "FAILED", gateway_ref: null }, CHECK],
    ["a reason on a confirmed charge", { decline_reason: "card_declined" }, CHECK],
    ["an unknown decline reason", { status: "FAILED", decline_reason: "bad luck" }, CHECK],
    ["money moved without a gateway reference", { gateway_ref: null }, CHECK],
    ["more refunded than charged", { status: "REFUNDED", refunded_cents: 1001 }, CHECK],
    ["negative refunded cents", { refunded_cents: -1 }, CHECK],
    ["REFUNDED with cents left", { status: "REFUNDED", refunded_cents: 10 }, CHECK],
    ["CONFIRMED with nothing left", { refunded_cents: 1000 }, CHECK],
    ["refunds on an INITIATED charge", { status: "INITIATED", gateway_ref: null, refunded_cents: 5 }, CHECK],
    ["an empty description", { description: "" }, CHECK],
    ["an idempotency key used before", { idempotency_key: "k-base" }, UNIQUE],
    ["a gateway reference used before", { gateway_ref: "pi_base" }, UNIQUE],
    ["no idempotency key", { idempotency_key: null }, NOT_NULL],
    ["an unknown method", { method_id: "m-nobody" }, FOREIGN_KEY],
  ])("refuses a charge with %s", async (_, overrides, code) => {
    expect(await insertCharge(overrides)).toBe(code);
  });

  it("refuses a second attempt of one billing cycle unless the first failed", async () => {
    const renewal = { kind: "RENEWAL", subscription_id: "sub-1", billing_cycle_id: "cycle-1" };
    expect(
      await insertCharge({
        ...renewal,
        status: "FAILED",
        gateway_ref: null,
        decline_reason: "card_declined",
      }),
    ).toBe("ok");
    expect(await insertCharge({ ...renewal, status: "INITIATED", gateway_ref: null })).toBe("ok");
    expect(await insertCharge({ ...renewal })).toBe(UNIQUE);
  });

  it("refuses an update that would refund more than was charged", async () => {
    const update = store.db
      .updateTable("charges")
      .set({ refunded_cents: sql`refunded_cents + 1001` })
      .where("confirmation_id", "=", "c-base")
      .execute();
    expect(await sqlState(update)).toBe(CHECK);
  });

  it.each([
    ["zero cents", { amount_cents: 0 }, CHECK],
    ["an unknown status", { status: "DONE" }, CHECK],
    ["a success without a gateway reference", { gateway_ref: null }, CHECK],
    ["an unknown charge", { confirmation_id: "c-nobody" }, FOREIGN_KEY],
    ["an idempotency key used before", { idempotency_key: "rk-dup" }, UNIQUE],
  ])("refuses a refund with %s", async (_, overrides, code) => {
    await insertRefund({ idempotency_key: "rk-dup", refund_id: "r-dup" }).catch(() => {});
    expect(await insertRefund(overrides)).toBe(code);
  });

  it("refuses a dispute with an unknown status, a closed one without its time, and an event id twice", async () => {
    const dispute = (overrides: Record<string, unknown>) =>
      sqlState(
        store.db
          .insertInto("disputes")
          .values({
            dispute_id: `dp_${unique()}`,
            confirmation_id: "c-base",
            amount_cents: 1000,
            status: "needs_response",
            opened_at: at,
            closed_at: null,
            last_event_at: at,
            updated_at: at,
            ...overrides,
          } as never)
          .execute(),
      );
    const event = () =>
      sqlState(
        store.db
          .insertInto("gateway_events")
          .values({ event_id: "evt_1", kind: "dispute.opened", received_at: at })
          .execute(),
      );

    expect([
      await dispute({ status: "warning_closed" }),
      await dispute({ status: "won" }),
      await dispute({}),
    ]).toEqual([CHECK, CHECK, "ok"]);
    expect([await event(), await event()]).toEqual(["ok", UNIQUE]);
  });

  it("refuses an outbox record id twice", async () => {
    const append = () =>
      sqlState(
        store.db
          .insertInto("outbox")
          .values({
            user_id: "auth0|ada",
            record_id: "rec-1",
            event_type: "PaymentProcessed",
            payload: "{}",
            created_at: at,
          })
          .execute(),
      );
    expect([await append(), await append()]).toEqual(["ok", UNIQUE]);
  });
});
