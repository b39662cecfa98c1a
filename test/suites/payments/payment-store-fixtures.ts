import { PostgresChargeRepository } from "../../../src/payments/adapters/postgres/charge.repository.ts";
import { PostgresCustomerRepository } from "../../../src/payments/adapters/postgres/customer.repository.ts";
import { PostgresDisputeRepository } from "../../../src/payments/adapters/postgres/dispute.repository.ts";
import { PostgresPaymentMethodRepository } from "../../../src/payments/adapters/postgres/payment-method.repository.ts";
import { PostgresRefundRepository } from "../../../src/payments/adapters/postgres/refund.repository.ts";
import type { NewCharge } from "../../../src/payments/domain/charge.ts";
import type { NewPaymentMethod } from "../../../src/payments/domain/payment-method.ts";
import type { OutboxRecord } from "../../../src/platform/outbox/outbox-record.ts";
import { PostgresOutbox } from "../../../src/platform/relational/postgres-outbox.ts";
import { CursorCodec } from "../../../src/platform/store/cursor-codec.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { sequentialIds } from "../../../src/platform/time/id-generator.port.ts";
import { migratedPayments } from "./payment-schema-fixtures.ts";

/** The repositories on a migrated database of their own, with a fixed clock and sequential ids. */
export async function paymentStore(connections = 24) {
  const { db, drop } = await migratedPayments(connections);
  const clock = new ManualClock("2026-12-01T10:00:00.000Z");
  const deps = { db, clock, ids: sequentialIds("id") };
  return {
    db,
    clock,
    charges: new PostgresChargeRepository(deps, new CursorCodec({ secret: "s".repeat(32), clock })),
    refunds: new PostgresRefundRepository(deps),
    disputes: new PostgresDisputeRepository(deps),
    methods: new PostgresPaymentMethodRepository(deps),
    customers: new PostgresCustomerRepository(deps),
    outbox: new PostgresOutbox(deps),
    drop,
  };
}
export type PaymentStore = Awaited<ReturnType<typeof paymentStore>>;

export const USER = "auth0|ada";

export const debitCard = (overrides: Partial<NewPaymentMethod> = {}): NewPaymentMethod => ({
  userId: USER,
  gatewayRef: "pm_debit_1",
  brand: "visa",
  last4: "4242",
  expMonth: 12,
  expYear: 2030,
  funding: "debit",
  ...overrides,
});

export const newCharge = (methodId: string, overrides: Partial<NewCharge> = {}): NewCharge => ({
  userId: USER,
  kind: "ONE_TIME",
  amountCents: 1250,
  currency: "USD",
  description: "Upgrade to plus (prorated)",
  methodId,
  idempotencyKey: "key-1",
  requestHash: "hash-1",
  ...overrides,
});

export const record = (recordId: string, userId = USER): OutboxRecord => ({
  recordId,
  userId,
  eventType: "PaymentProcessed",
  payload: { event_id: recordId, payload: { userId } },
});

/** A confirmed charge of `amountCents` on a fresh debit card. */
export async function confirmedCharge(store: PaymentStore, amountCents = 1250, key = "key-confirmed") {
  const method = await store.methods.addMethod(debitCard({ gatewayRef: `pm_${key}` }));
  const { charge } = await store.charges.beginCharge(
    newCharge(method.methodId, { amountCents, idempotencyKey: key }),
  );
  const settled = await store.charges.settleCharge(
    charge.confirmationId,
    { status: "CONFIRMED", gatewayRef: `pi_${key}` },
    [],
  );
  return settled.charge;
}
