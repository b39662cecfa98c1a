import { type Kysely, type Migration, sql } from "kysely";
import { createOutboxTables } from "../../../platform/relational/outbox.migration.ts";

/**
 * The Payment Service's PostgreSQL schema history (its own database, `payments`). Names sort in the
 * order they run; a released migration is never edited. Value lists are written out, not imported
 * from the domain, so that history cannot change under a migrated database when those lists grow.
 * Each constraint holds an invariant of ../shared/design/payments.md in the database itself, so a bug
 * or a race in code is refused rather than stored; src/payments/README.md ("Store") maps them.
 */
export const paymentsMigrations: Record<string, Migration> = {
  "0001_create_payments": {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create table customers (
        user_id text primary key,
        gateway_ref text not null unique,
        created_at timestamptz not null
      )`.execute(db);
      await createPaymentMethods(db);
      await createCharges(db);
      await createRefundsAndDisputes(db);
      await createOutboxTables(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop table outbox, outbox_users, gateway_events, disputes, refunds, charges,
        payment_methods, customers`.execute(db);
    },
  },
  // The operators' charges report reads a window of days: by the time of each row, not the whole table.
  "0002_index_report_times": {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create index charges_created_idx on charges (created_at)`.execute(db);
      await sql`create index refunds_created_idx on refunds (created_at)`.execute(db);
      await sql`create index disputes_opened_idx on disputes (opened_at)`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop index charges_created_idx, refunds_created_idx, disputes_opened_idx`.execute(db);
    },
  },
};

/** Its own bookkeeping table (the users service's is `users_migration`). */
export const PAYMENTS_MIGRATION_TABLE = "payments_migration";

async function createPaymentMethods(db: Kysely<unknown>): Promise<void> {
  await sql`create table payment_methods (
    method_id text primary key,
    user_id text not null,
    gateway_ref text not null unique,
    brand text not null check (length(brand) between 1 and 40),
    last4 text not null check (last4 ~ '^[0-9]{4}$'),
    exp_month smallint not null check (exp_month between 1 and 12),
    exp_year smallint not null check (exp_year between 2000 and 2200),
    funding text not null check (funding in ('debit', 'credit', 'prepaid', 'unknown')),
    is_default boolean not null default false,
    status text not null default 'active' check (status in ('active', 'detached')),
    created_at timestamptz not null,
    detached_at timestamptz,
    constraint payment_methods_detached_at_check check ((status = 'detached') = (detached_at is not null)),
    constraint payment_methods_default_is_active_check check (not (is_default and status = 'detached'))
  )`.execute(db);
  await sql`create index payment_methods_user_idx on payment_methods (user_id, created_at)`.execute(db);
  // At most one default among a user's active methods; two concurrent "set default" cannot both win.
  await sql`create unique index payment_methods_one_default_idx on payment_methods (user_id)
    where is_default and status = 'active'`.execute(db);
}

async function createCharges(db: Kysely<unknown>): Promise<void> {
  await sql`create table charges (
    confirmation_id text primary key,
    user_id text not null,
    kind text not null check (kind in ('ONE_TIME', 'RENEWAL')),
    subscription_id text,
    billing_cycle_id text,
    amount_cents integer not null check (amount_cents > 0),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    description text not null check (length(description) between 1 and 500),
    method_id text not null references payment_methods (method_id),
    status text not null default 'INITIATED'
      check (status in ('INITIATED', 'CONFIRMED', 'PENDING', 'FAILED', 'REFUNDED', 'CHARGED_BACK')),
    decline_reason text check (decline_reason in ('card_declined', 'insufficient_funds', 'expired_card',
      'incorrect_cvc', 'fraud_suspected', 'authentication_required', 'processing_error')),
    gateway_ref text unique,
    idempotency_key text not null unique check (length(idempotency_key) between 1 and 255),
    request_hash text not null,
    refunded_cents integer not null default 0,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint charges_renewal_cycle_check
      check (kind = 'ONE_TIME' or (subscription_id is not null and billing_cycle_id is not null)),
    constraint charges_failed_has_reason_check check ((status = 'FAILED') = (decline_reason is not null)),
    constraint charges_money_moved_has_ref_check check (status in ('INITIATED', 'FAILED') or gateway_ref is not null),
    constraint charges_refunded_within_amount_check check (refunded_cents >= 0 and refunded_cents <= amount_cents),
    constraint charges_refunds_match_status_check check (
      (refunded_cents = 0 or status in ('CONFIRMED', 'REFUNDED', 'CHARGED_BACK'))
      and (status <> 'REFUNDED' or refunded_cents = amount_cents)
      and (status <> 'CONFIRMED' or refunded_cents < amount_cents))
  )`.execute(db);
  await sql`create index charges_user_idx on charges (user_id, created_at desc, confirmation_id desc)`.execute(
    db,
  );
  // A billing cycle is paid at most once (research/billing.md §5): one attempt that did not fail per
  // cycle; a crashed INITIATED attempt is resumed with its own key, a new one only after a FAILED one.
  await sql`create unique index charges_one_attempt_per_cycle_idx on charges (billing_cycle_id)
    where billing_cycle_id is not null and status <> 'FAILED'`.execute(db);
}

async function createRefundsAndDisputes(db: Kysely<unknown>): Promise<void> {
  await sql`create table refunds (
    refund_id text primary key,
    confirmation_id text not null references charges (confirmation_id),
    amount_cents integer not null check (amount_cents > 0),
    status text not null default 'REQUESTED' check (status in ('REQUESTED', 'PENDING', 'SUCCEEDED', 'FAILED')),
    gateway_ref text unique,
    idempotency_key text not null unique check (length(idempotency_key) between 1 and 255),
    request_hash text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint refunds_settled_has_ref_check check (status in ('REQUESTED', 'FAILED') or gateway_ref is not null)
  )`.execute(db);
  await sql`create index refunds_charge_idx on refunds (confirmation_id, created_at)`.execute(db);
  await sql`create table disputes (
    dispute_id text primary key,
    confirmation_id text not null references charges (confirmation_id),
    amount_cents integer not null check (amount_cents > 0),
    status text not null check (status in ('needs_response', 'under_review', 'won', 'lost')),
    opened_at timestamptz not null,
    closed_at timestamptz,
    last_event_at timestamptz not null,
    updated_at timestamptz not null,
    constraint disputes_closed_at_check check ((status in ('won', 'lost')) = (closed_at is not null))
  )`.execute(db);
  await sql`create index disputes_charge_idx on disputes (confirmation_id)`.execute(db);
  // Webhooks come at least once: an event id seen before is answered and not applied again.
  await sql`create table gateway_events (
    event_id text primary key,
    kind text not null,
    received_at timestamptz not null
  )`.execute(db);
}
