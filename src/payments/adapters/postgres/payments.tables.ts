import type { ColumnType, Generated, Selectable } from "kysely";
import type { OutboxTables } from "../../../platform/relational/outbox.tables.ts";
import type { ChargeDeclineReason, ChargeKind, ChargeStatus } from "../../domain/charge.ts";
import type { DisputeStatus as StoredDisputeStatus } from "../../domain/dispute.ts";
import type { MethodFunding, MethodStatus } from "../../domain/payment-method.ts";
import type { RefundStatus } from "../../domain/refund.ts";
import type { DeclineReason, DisputeStatus, Funding } from "../../ports/payment-gateway.port.ts";

/** `pg` reads timestamptz as a Date; writes take a Date. */
type Timestamp = ColumnType<Date, Date, Date>;

/** The Kysely view of migration 0001 (payments.migrations.ts): one interface per table. */
export interface CustomersTable {
  user_id: string;
  gateway_ref: string;
  created_at: Timestamp;
}

export interface PaymentMethodsTable {
  method_id: string;
  user_id: string;
  gateway_ref: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: MethodFunding;
  is_default: boolean;
  status: MethodStatus;
  created_at: Timestamp;
  detached_at: Timestamp | null;
}

export interface ChargesTable {
  confirmation_id: string;
  user_id: string;
  kind: ChargeKind;
  subscription_id: string | null;
  billing_cycle_id: string | null;
  amount_cents: number;
  currency: string;
  description: string;
  method_id: string;
  status: ChargeStatus;
  decline_reason: ChargeDeclineReason | null;
  gateway_ref: string | null;
  idempotency_key: string;
  request_hash: string;
  refunded_cents: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RefundsTable {
  refund_id: string;
  confirmation_id: string;
  amount_cents: number;
  status: RefundStatus;
  gateway_ref: string | null;
  idempotency_key: string;
  request_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DisputesTable {
  dispute_id: string;
  confirmation_id: string;
  amount_cents: number;
  status: StoredDisputeStatus;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  last_event_at: Timestamp;
  updated_at: Timestamp;
}

export interface GatewayEventsTable {
  event_id: string;
  kind: string;
  received_at: Timestamp;
}

export interface PaymentsDatabase extends OutboxTables {
  customers: CustomersTable;
  payment_methods: PaymentMethodsTable;
  charges: ChargesTable;
  refunds: RefundsTable;
  disputes: DisputesTable;
  gateway_events: GatewayEventsTable;
}

export type ChargeRow = Selectable<ChargesTable>;
export type PaymentMethodRow = Selectable<PaymentMethodsTable>;
export type RefundRow = Selectable<RefundsTable>;
export type DisputeRow = Selectable<DisputesTable>;

/**
 * The gateway port and the domain each name these vocabularies (domain code may not import a port):
 * if one list changes without the other, this stops compiling. The CHECKs of the migration list them too.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const VOCABULARIES_AGREE: [
  Same<Funding, MethodFunding>,
  Same<DeclineReason, ChargeDeclineReason>,
  Same<DisputeStatus, StoredDisputeStatus>,
] = [true, true, true];
