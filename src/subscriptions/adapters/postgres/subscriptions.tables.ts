import type { ColumnType, Selectable } from "kysely";
import type { OutboxTables } from "../../../platform/relational/outbox.tables.ts";
import type { CycleStatus } from "../../domain/billing-cycle.ts";
import type {
  BillingTerm,
  FulfilmentChannel,
  PaymentMethodKind,
  ShippingService,
  SubscriptionSource,
  SubscriptionStatus,
} from "../../domain/subscription.ts";

/** `pg` reads timestamptz as a Date; writes take a Date. */
type Timestamp = ColumnType<Date, Date, Date>;
/** `pg` reads a `date` as a Date at local midnight unless told otherwise: read as text (the pool's parser). */
type DateText = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;
/** int8 identity: read as a string, never written. */
type Position = ColumnType<string, never, never>;

/** The Kysely view of migrations 0001 and 0002 (subscriptions.migrations.ts): one interface per table. */
export interface PlansTable {
  plan_id: string;
  tier: string;
  tier_version: string;
  term: BillingTerm;
  price_cents: number;
  currency: string;
  created_at: Timestamp;
}

export interface SubscriptionsTable {
  subscription_id: string;
  user_id: string;
  plan_id: string;
  status: SubscriptionStatus;
  tier: string;
  tier_version: string;
  term: BillingTerm;
  price_cents: number;
  currency: string;
  payment_method: PaymentMethodKind;
  fulfilment_channel: FulfilmentChannel;
  /** The destination and service (SHIPPING) or the store (IN_STORE_PICKUP); null for DIGITAL. */
  fulfilment_details: Json | null;
  source: SubscriptionSource;
  anchor_at: Timestamp;
  period_start: Timestamp;
  period_end: Timestamp;
  cancel_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancellation_reason: string | null;
  past_due_since: Timestamp | null;
  last_payment_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface PausesTable {
  pause_id: string;
  subscription_id: string;
  months: number;
  first_skipped_payment: DateText;
  state: "SCHEDULED" | "ACTIVE" | "ENDED" | "WITHDRAWN";
  skipped: number;
  requested_at: Timestamp;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
}

export interface PendingChangesTable {
  change_id: string;
  subscription_id: string;
  kind: "DOWNGRADE" | "CANCEL";
  tier: string | null;
  tier_version: string | null;
  price_cents: number | null;
  reason: string | null;
  effective_at: Timestamp;
  state: "PENDING" | "APPLIED" | "WITHDRAWN";
  created_at: Timestamp;
  settled_at: Timestamp | null;
}

export interface BillingCyclesTable {
  cycle_id: string;
  subscription_id: string;
  user_id: string;
  period_start: Timestamp;
  period_end: Timestamp;
  status: CycleStatus;
  attempt_no: number;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  amount_cents: number | null;
  currency: string | null;
  tier: string | null;
  tier_version: string | null;
  confirmation_id: string | null;
  failure_reason: string | null;
  first_failed_at: Timestamp | null;
  paid_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface FulfilmentsTable {
  fulfilment_id: string;
  cycle_id: string;
  subscription_id: string;
  channel: FulfilmentChannel;
  status: "DELIVERED" | "SHIPMENT_REQUESTED" | "AWAITING_PICKUP";
  pickup_code: string | null;
  pickup_expires_at: Timestamp | null;
  created_at: Timestamp;
  user_id: string;
  period_start: Timestamp;
  service: ShippingService | null;
  country: string | null;
  store_id: string | null;
}

export interface SubscriptionChangesTable {
  position: Position;
  subscription_id: string;
  user_id: string;
  event: string;
  actor: string;
  reason: string | null;
  idempotency_key: string | null;
  before: Json | null;
  after: Json;
  occurred_at: Timestamp;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  body: Json;
  created_at: Timestamp;
}

export interface MembershipFollowupsTable {
  followup_id: string;
  user_id: string;
  subscription_id: string;
  kind: "FINALIZE_DOWNGRADE" | "COMPLETE_CANCELLATION" | "END_FOR_PAYMENT_FAILURE";
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface SubscriptionsDatabase extends OutboxTables {
  plans: PlansTable;
  subscriptions: SubscriptionsTable;
  pauses: PausesTable;
  pending_changes: PendingChangesTable;
  billing_cycles: BillingCyclesTable;
  fulfilments: FulfilmentsTable;
  subscription_changes: SubscriptionChangesTable;
  idempotency_keys: IdempotencyKeysTable;
  membership_followups: MembershipFollowupsTable;
}

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type PauseRow = Selectable<PausesTable>;
export type PendingChangeRow = Selectable<PendingChangesTable>;
export type BillingCycleRow = Selectable<BillingCyclesTable>;
