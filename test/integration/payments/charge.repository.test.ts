import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ChargeRefusedError,
  DetachedPaymentMethodError,
  IdempotencyConflictError,
  UnknownChargeError,
  UnknownPaymentMethodError,
} from "../../../src/payments/domain/payment-store.errors.ts";
import { InvalidCursorError } from "../../../src/platform/store/store.errors.ts";
import {
  debitCard,
  newCharge,
  type PaymentStore,
  paymentStore,
  record,
} from "../../suites/payments/payment-store-fixtures.ts";

describe("charges on PostgreSQL", () => {
  let store: PaymentStore;
  let methodId: string;
  beforeEach(async () => {
    store = await paymentStore();
    methodId = (await store.methods.addMethod(debitCard())).methodId;
  });
  afterEach(() => store.drop());

  const countCharges = async () =>
    Number(
      (
        await store.db
          .selectFrom("charges")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("writes the charge INITIATED, before any gateway answer, with its key", async () => {
    const { charge, created } = await store.charges.beginCharge(newCharge(methodId));

    expect(created).toBe(true);
    expect(charge).toMatchObject({
      status: "INITIATED",
      idempotencyKey: "key-1",
      amountCents: 1250,
      refundedCents: 0,
    });
    expect(charge.gatewayRef).toBeUndefined();
    expect(await store.charges.getCharge(charge.confirmationId)).toEqual(charge);
  });

  it("writes one charge for 50 concurrent calls with one key, and answers it to all of them", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => store.charges.beginCharge(newCharge(methodId))),
    );

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.charge.confirmationId)).size).toBe(1);
    expect(await countCharges()).toBe(1);
  });

  it("refuses the same key with another request or from another user, and writes nothing", async () => {
    await store.charges.beginCharge(newCharge(methodId));

    const other = store.charges.beginCharge(
      newCharge(methodId, { amountCents: 9999, requestHash: "hash-2" }),
    );

    await expect(other).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(
      store.charges.beginCharge(newCharge(methodId, { userId: "auth0|eve" })),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await countCharges()).toBe(1);
  });

  it("answers a key seen before even after its card was detached, but begins no new charge on it", async () => {
    const first = await store.charges.beginCharge(newCharge(methodId));
    await store.methods.detachMethod("auth0|ada", methodId);

    const again = await store.charges.beginCharge(newCharge(methodId));
    const fresh = store.charges.beginCharge(newCharge(methodId, { idempotencyKey: "key-2" }));

    expect(again).toEqual({ charge: first.charge, created: false });
    await expect(fresh).rejects.toBeInstanceOf(DetachedPaymentMethodError);
  });

  it("refuses another user's or an unknown method", async () => {
    const theirs = store.charges.beginCharge(newCharge(methodId, { userId: "auth0|eve" }));
    await expect(theirs).rejects.toBeInstanceOf(UnknownPaymentMethodError);
  });

  it("refuses a second attempt of a billing cycle with a new key unless the first failed", async () => {
    const renewal = { kind: "RENEWAL" as const, subscriptionId: "sub-1", billingCycleId: "cycle-1" };
    const first = await store.charges.beginCharge(newCharge(methodId, renewal));

    const second = store.charges.beginCharge(newCharge(methodId, { ...renewal, idempotencyKey: "key-2" }));
    await expect(second).rejects.toBeInstanceOf(ChargeRefusedError);

    await store.charges.settleCharge(
      first.charge.confirmationId,
      { status: "FAILED", reason: "insufficient_funds" },
      [],
    );
    const retry = await store.charges.beginCharge(
      newCharge(methodId, { ...renewal, idempotencyKey: "key-3" }),
    );
    expect(retry.created).toBe(true);
  });

  it("settles once: a second answer changes nothing and writes no second stream record", async () => {
    const { charge } = await store.charges.beginCharge(newCharge(methodId));

    const first = await store.charges.settleCharge(
      charge.confirmationId,
      { status: "CONFIRMED", gatewayRef: "pi_1" },
      [record("rec-1")],
    );
    const second = await store.charges.settleCharge(
      charge.confirmationId,
      { status: "FAILED", reason: "card_declined" },
      [record("rec-2")],
    );

    expect(first).toMatchObject({ changed: true, charge: { status: "CONFIRMED", gatewayRef: "pi_1" } });
    expect(second).toEqual({ changed: false, charge: first.charge });
    expect((await store.outbox.pending(10)).map((entry) => entry.recordId)).toEqual(["rec-1"]);
  });

  it("settles 20 concurrent answers of one charge once", async () => {
    const { charge } = await store.charges.beginCharge(newCharge(methodId));

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.charges.settleCharge(charge.confirmationId, { status: "CONFIRMED", gatewayRef: "pi_1" }, [
          record(`rec-${i}`),
        ]),
      ),
    );

    expect(results.filter((result) => result.changed)).toHaveLength(1);
    expect(await store.outbox.pending(50)).toHaveLength(1);
  });

  it("keeps a decline's reason, and confirms a PENDING charge when the gateway settles it later", async () => {
    const declined = await store.charges.beginCharge(newCharge(methodId));
    const held = await store.charges.beginCharge(newCharge(methodId, { idempotencyKey: "key-2" }));

    const failed = await store.charges.settleCharge(
      declined.charge.confirmationId,
      { status: "FAILED", reason: "card_declined" },
      [],
    );
    await store.charges.settleCharge(
      held.charge.confirmationId,
      { status: "PENDING", gatewayRef: "pi_2" },
      [],
    );
    const settled = await store.charges.settleCharge(
      held.charge.confirmationId,
      { status: "CONFIRMED", gatewayRef: "pi_2" },
      [],
    );

    expect(failed.charge).toMatchObject({ status: "FAILED", declineReason: "card_declined" });
    expect(settled).toMatchObject({ changed: true, charge: { status: "CONFIRMED" } });
    expect(await store.charges.chargeByGatewayRef("pi_2")).toEqual(settled.charge);
  });

  it("rolls the stream records back with a settle that fails, and answers an unknown charge as unknown", async () => {
    const { charge } = await store.charges.beginCharge(newCharge(methodId));
    await store.charges.settleCharge(charge.confirmationId, { status: "CONFIRMED", gatewayRef: "pi_1" }, []);
    const other = await store.charges.beginCharge(newCharge(methodId, { idempotencyKey: "key-2" }));

    // The gateway reference is UNIQUE: the second settle fails in the database, its record with it.
    const clash = store.charges.settleCharge(
      other.charge.confirmationId,
      { status: "CONFIRMED", gatewayRef: "pi_1" },
      [record("rec-x")],
    );
    await expect(clash).rejects.toMatchObject({ code: "23505" });
    await expect(
      store.charges.settleCharge("nobody", { status: "CONFIRMED", gatewayRef: "pi_9" }, []),
    ).rejects.toBeInstanceOf(UnknownChargeError);
    expect(await store.outbox.pending(10)).toEqual([]);
  });

  it("lists a user's charges newest first, page by page, with a cursor bound to the user", async () => {
    for (let i = 1; i <= 5; i++) {
      await store.charges.beginCharge(newCharge(methodId, { idempotencyKey: `key-${i}` }));
      if (i !== 2) store.clock.advance(1000); // two charges share a time: the id orders them
    }
    await store.methods.addMethod(debitCard({ userId: "auth0|eve", gatewayRef: "pm_eve" }));

    const first = await store.charges.listCharges("auth0|ada", { limit: 2 });
    const second = await store.charges.listCharges("auth0|ada", {
      limit: 2,
      cursor: first.next_cursor as string,
    });
    const third = await store.charges.listCharges("auth0|ada", {
      limit: 2,
      cursor: second.next_cursor as string,
    });

    const keys = [first, second, third].map((page) => page.items.map((charge) => charge.idempotencyKey));
    expect(keys).toEqual([["key-5", "key-4"], ["key-3", "key-2"], ["key-1"]]);
    expect(third.next_cursor).toBeUndefined();
    await expect(
      store.charges.listCharges("auth0|eve", { limit: 2, cursor: first.next_cursor as string }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
