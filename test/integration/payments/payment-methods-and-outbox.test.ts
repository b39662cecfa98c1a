import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DetachedPaymentMethodError,
  UnknownPaymentMethodError,
} from "../../../src/payments/domain/payment-store.errors.ts";
import { appendOutbox } from "../../../src/platform/relational/outbox.append.ts";
import {
  confirmedCharge,
  debitCard,
  type PaymentStore,
  paymentStore,
  record,
} from "../../suites/payments/payment-store-fixtures.ts";

const ADA = "auth0|ada";

describe("payment methods and customers on PostgreSQL", () => {
  let store: PaymentStore;
  beforeEach(async () => {
    store = await paymentStore();
  });
  afterEach(() => store.drop());

  const defaults = async (userId = ADA) =>
    (await store.methods.listMethods(userId))
      .filter((method) => method.isDefault)
      .map((method) => method.gatewayRef);

  it("makes a user's first method the default, keeps it when another is added, and answers a repeated attach", async () => {
    const first = await store.methods.addMethod(debitCard({ gatewayRef: "pm_1" }));
    store.clock.advance(1000);
    const second = await store.methods.addMethod(debitCard({ gatewayRef: "pm_2", funding: "credit" }));
    const again = await store.methods.addMethod(debitCard({ gatewayRef: "pm_1" }));

    expect([first.isDefault, second.isDefault]).toEqual([true, false]);
    expect(again).toEqual(first);
    expect((await store.methods.listMethods(ADA)).map((method) => method.gatewayRef)).toEqual([
      "pm_2",
      "pm_1",
    ]);
  });

  it("keeps one default among methods added and set as default concurrently", async () => {
    const added = await Promise.all(
      Array.from({ length: 6 }, (_, i) => store.methods.addMethod(debitCard({ gatewayRef: `pm_${i}` }))),
    );
    await Promise.all(added.map((method) => store.methods.setDefault(ADA, method.methodId)));

    expect(await defaults()).toHaveLength(1);
  });

  it("refuses to make a detached or unknown method the default", async () => {
    const method = await store.methods.addMethod(debitCard());
    const detached = await store.methods.detachMethod(ADA, method.methodId);

    expect(detached).toMatchObject({ status: "detached", isDefault: false, detachedAt: store.clock.now() });
    expect(await store.methods.detachMethod(ADA, method.methodId)).toEqual(detached);
    await expect(store.methods.setDefault(ADA, method.methodId)).rejects.toBeInstanceOf(
      DetachedPaymentMethodError,
    );
    await expect(store.methods.setDefault("auth0|eve", method.methodId)).rejects.toBeInstanceOf(
      UnknownPaymentMethodError,
    );
    await expect(store.methods.detachMethod("auth0|eve", method.methodId)).rejects.toBeInstanceOf(
      UnknownPaymentMethodError,
    );
  });

  it("answers the active debit card: the default one, else the newest active debit card, else none", async () => {
    expect(await store.methods.activeDebitCard(ADA)).toBeUndefined();
    const credit = await store.methods.addMethod(debitCard({ gatewayRef: "pm_credit", funding: "credit" }));
    expect(await store.methods.activeDebitCard(ADA)).toBeUndefined();
    const older = await store.methods.addMethod(debitCard({ gatewayRef: "pm_old" }));
    store.clock.advance(1000);
    const newer = await store.methods.addMethod(debitCard({ gatewayRef: "pm_new" }));
    expect((await store.methods.activeDebitCard(ADA))?.gatewayRef).toBe("pm_new");

    await store.methods.setDefault(ADA, older.methodId);
    expect((await store.methods.activeDebitCard(ADA))?.gatewayRef).toBe("pm_old");
    await store.methods.detachMethod(ADA, older.methodId);
    expect((await store.methods.activeDebitCard(ADA))?.methodId).toBe(newer.methodId);
    expect(credit.funding).toBe("credit");
  });

  it("keeps the first customer reference of a user, also between concurrent first calls", async () => {
    expect(await store.customers.customerRef(ADA)).toBeUndefined();

    const kept = await Promise.all(
      ["cus_1", "cus_2", "cus_3"].map((ref) => store.customers.keepCustomerRef(ADA, ref)),
    );

    expect(new Set(kept).size).toBe(1);
    expect(await store.customers.customerRef(ADA)).toBe(kept[0]);
  });
});

describe("the outbox on PostgreSQL", () => {
  let store: PaymentStore;
  beforeEach(async () => {
    store = await paymentStore();
  });
  afterEach(() => store.drop());

  it("answers every pending record of concurrent transactions in position order, and not again once relayed", async () => {
    const charge = await confirmedCharge(store, 5000);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.refunds.recordRefund(
          {
            confirmationId: charge.confirmationId,
            amountCents: 100,
            idempotencyKey: `r-${i}`,
            requestHash: "h",
          },
          [record(`ada-${i}`), record(`eve-${i}`, "auth0|eve")],
        ),
      ),
    );

    const pending = await store.outbox.pending(100);
    const positions = pending.map((entry) => entry.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(pending).toHaveLength(20);
    expect(pending[0]).toMatchObject({
      eventType: "PaymentProcessed",
      payload: { event_id: pending[0]?.recordId },
    });

    await store.outbox.markRelayed(positions.slice(0, 15));
    expect((await store.outbox.pending(100)).map((entry) => entry.position)).toEqual(positions.slice(15));
  });

  it("makes a user's second transaction wait for the first, so its record can never be relayed first", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let appended = () => {};
    const firstAppended = new Promise<void>((resolve) => {
      appended = resolve;
    });
    const first = store.db.transaction().execute(async (tx) => {
      await appendOutbox(tx, [record("ada-first")], store.clock.now());
      appended();
      await gate;
    });
    await firstAppended;
    let secondDone = false;
    const second = appendOutbox(store.db, [record("ada-second")], store.clock.now()).then(() => {
      secondDone = true;
    });

    await new Promise((resolve) => setTimeout(resolve, 300));
    const whileOpen = { secondDone, pending: await store.outbox.pending(10) };
    release();
    await Promise.all([first, second]);

    expect(whileOpen).toEqual({ secondDone: false, pending: [] });
    expect((await store.outbox.pending(10)).map((entry) => entry.recordId)).toEqual([
      "ada-first",
      "ada-second",
    ]);
  });

  it("relays a batch in position order and honours the limit", async () => {
    const charge = await confirmedCharge(store, 5000);
    for (let i = 0; i < 5; i++) {
      await store.refunds.recordRefund(
        {
          confirmationId: charge.confirmationId,
          amountCents: 100,
          idempotencyKey: `r-${i}`,
          requestHash: "h",
        },
        [record(`rec-${i}`)],
      );
    }

    expect((await store.outbox.pending(3)).map((entry) => entry.recordId)).toEqual([
      "rec-0",
      "rec-1",
      "rec-2",
    ]);
  });
});
