import { type Kysely, type Migration, sql } from "kysely";
import { createOutboxTables } from "../../../platform/relational/outbox.migration.ts";

/**
 * The Subscription Service's PostgreSQL schema history (its own database, `subscriptions`). Names sort in
 * the order they run; a released migration is never edited. Value lists are written out, not imported
 * from the domain. Each constraint holds an invariant of ../shared/design/subscriptions.md in the
 * database itself, so a bug or a race in code is refused rather than stored; src/subscriptions/README.md
 * ("Store") maps them.
 */
export const subscriptionsMigrations: Record<string, Migration> = {
  "0001_create_subscriptions": {
    async up(db: Kysely<unknown>): Promise<void> {
      await createPlansAndSubscriptions(db);
      await createPausesAndPendingChanges(db);
      await createBillingCycles(db);
      await createHistoryAndKeys(db);
      await createOutboxTables(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop table outbox, outbox_users, membership_followups, fulfilments, idempotency_keys,
        subscription_changes, billing_cycles, pending_changes, pauses, subscriptions, plans`.execute(db);
      await sql`drop function subscription_changes_append_only`.execute(db);
    },
  },
  "0002_fulfilment_details": {
    async up(db: Kysely<unknown>): Promise<void> {
      // How a SHIPPING or IN_STORE_PICKUP subscription delivers (the destination, the store);
      // DIGITAL has none.
      await sql`alter table subscriptions add column fulfilment_details jsonb,
        add constraint subscriptions_fulfilment_details_check
          check ((fulfilment_channel = 'DIGITAL') = (fulfilment_details is null))`.execute(db);
      // The table was empty until now: nothing wrote it before this release.
      await sql`alter table fulfilments
        add column user_id text not null,
        add column period_start timestamptz not null,
        add column service text check (service in ('STANDARD', 'EXPRESS', 'NEXT_DAY')),
        add column country text check (country ~ '^[A-Z]{2}$'),
        add column store_id text,
        add constraint fulfilments_shipping_check check ((channel = 'SHIPPING') = (service is not null)),
        add constraint fulfilments_store_check check ((channel = 'IN_STORE_PICKUP') = (store_id is not null))`.execute(
        db,
      );
      await sql`create index fulfilments_subscription_idx on fulfilments (subscription_id, created_at)`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop index fulfilments_subscription_idx`.execute(db);
      await sql`alter table fulfilments drop column user_id, drop column period_start, drop column service,
        drop column country, drop column store_id`.execute(db);
      await sql`alter table subscriptions drop column fulfilment_details`.execute(db);
    },
  },
  "0003_billing_cycles_lease_idx": {
    async up(db: Kysely<unknown>): Promise<void> {
      // The runner's claim also takes PROCESSING cycles whose lease ran out: without an index on the
      // lease, that branch read every open cycle (one per live subscription) on each claim, so the
      // runner's cost grew with the subscriptions, not with what was due (bench:scale).
      await sql`create index billing_cycles_lease_idx on billing_cycles (lease_until)
        where status = 'PROCESSING'`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop index billing_cycles_lease_idx`.execute(db);
    },
  },
};

/** Its own bookkeeping table. */
export const SUBSCRIPTIONS_MIGRATION_TABLE = "subscriptions_migration";

async function createPlansAndSubscriptions(db: Kysely<unknown>): Promise<void> {
  await sql`create table plans (
    plan_id text primary key check (plan_id = tier || ':' || tier_version || ':' || term),
    tier text not null check (length(tier) between 1 and 64),
    tier_version text not null check (length(tier_version) between 1 and 64),
    term text not null check (term in ('MONTHLY', 'ANNUAL')),
    price_cents integer not null check (price_cents >= 0),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    created_at timestamptz not null
  )`.execute(db);
  await sql`create table subscriptions (
    subscription_id text primary key,
    user_id text not null check (length(user_id) between 1 and 128),
    plan_id text not null references plans (plan_id),
    status text not null check (status in ('TRIAL', 'ACTIVE', 'PAST_DUE', 'PAUSED', 'CANCELLED', 'EXPIRED')),
    tier text not null,
    tier_version text not null,
    term text not null check (term in ('MONTHLY', 'ANNUAL')),
    price_cents integer not null check (price_cents >= 0),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    payment_method text not null check (payment_method in ('CreditCard', 'DebitCard', 'BankTransfer', 'PayPal')),
    fulfilment_channel text not null check (fulfilment_channel in ('DIGITAL', 'SHIPPING', 'IN_STORE_PICKUP')),
    source text not null check (source in ('membership', 'catalog')),
    anchor_at timestamptz not null,
    period_start timestamptz not null,
    period_end timestamptz not null,
    cancel_at timestamptz,
    cancelled_at timestamptz,
    cancellation_reason text check (length(cancellation_reason) <= 200),
    past_due_since timestamptz,
    last_payment_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version integer not null check (version >= 1),
    constraint subscriptions_period_check check (period_start <= period_end),
    constraint subscriptions_ended_check check ((status in ('CANCELLED', 'EXPIRED')) = (cancelled_at is not null)),
    constraint subscriptions_past_due_check check ((status = 'PAST_DUE') = (past_due_since is not null))
  )`.execute(db);
  // One live subscription per user: fifty concurrent SubscribeUser commands cannot make two (no
  // check-then-create race; Lago #1086 learned it by incident).
  await sql`create unique index subscriptions_one_live_per_user_idx on subscriptions (user_id)
    where status in ('TRIAL', 'ACTIVE', 'PAST_DUE', 'PAUSED')`.execute(db);
  await sql`create index subscriptions_user_idx on subscriptions (user_id, created_at desc)`.execute(db);
}

async function createPausesAndPendingChanges(db: Kysely<unknown>): Promise<void> {
  await sql`create table pauses (
    pause_id text primary key,
    subscription_id text not null references subscriptions (subscription_id),
    months smallint not null check (months between 1 and 24),
    first_skipped_payment date not null,
    state text not null check (state in ('SCHEDULED', 'ACTIVE', 'ENDED', 'WITHDRAWN')),
    skipped smallint not null default 0 check (skipped >= 0 and skipped <= months),
    requested_at timestamptz not null,
    started_at timestamptz,
    ended_at timestamptz,
    constraint pauses_started_check check ((state = 'SCHEDULED') = (started_at is null) or state = 'WITHDRAWN'),
    constraint pauses_ended_check check ((state in ('ENDED', 'WITHDRAWN')) = (ended_at is not null))
  )`.execute(db);
  await sql`create unique index pauses_one_live_idx on pauses (subscription_id)
    where state in ('SCHEDULED', 'ACTIVE')`.execute(db);
  await sql`create table pending_changes (
    change_id text primary key,
    subscription_id text not null references subscriptions (subscription_id),
    kind text not null check (kind in ('DOWNGRADE', 'CANCEL')),
    tier text,
    tier_version text,
    price_cents integer check (price_cents >= 0),
    reason text check (length(reason) <= 200),
    effective_at timestamptz not null,
    state text not null check (state in ('PENDING', 'APPLIED', 'WITHDRAWN')),
    created_at timestamptz not null,
    settled_at timestamptz,
    constraint pending_changes_downgrade_check
      check (kind <> 'DOWNGRADE' or (tier is not null and tier_version is not null and price_cents is not null)),
    constraint pending_changes_settled_check check ((state = 'PENDING') = (settled_at is null))
  )`.execute(db);
  // One pending change of each kind: a second downgrade replaces the first, it never stacks.
  await sql`create unique index pending_changes_one_per_kind_idx on pending_changes (subscription_id, kind)
    where state = 'PENDING'`.execute(db);
}

async function createBillingCycles(db: Kysely<unknown>): Promise<void> {
  await sql`create table billing_cycles (
    cycle_id text primary key,
    subscription_id text not null references subscriptions (subscription_id),
    user_id text not null,
    period_start timestamptz not null,
    period_end timestamptz not null check (period_end > period_start),
    status text not null check (status in ('SCHEDULED', 'PROCESSING', 'PAID', 'RETRYING', 'GRACE',
      'SKIPPED_PAUSED', 'FAILED', 'VOID', 'CHARGED_BACK')),
    attempt_no smallint not null default 0 check (attempt_no between 0 and 10),
    next_attempt_at timestamptz not null,
    lease_until timestamptz,
    amount_cents integer check (amount_cents >= 0),
    currency text check (currency ~ '^[A-Z]{3}$'),
    tier text,
    tier_version text,
    confirmation_id text unique,
    failure_reason text,
    first_failed_at timestamptz,
    paid_at timestamptz,
    updated_at timestamptz not null,
    -- A period is billed once (Lago #1086/#1988, Kill Bill #877): one row per subscription and start.
    constraint billing_cycles_one_per_period unique (subscription_id, period_start),
    constraint billing_cycles_processing_has_lease_check check ((status = 'PROCESSING') = (lease_until is not null)),
    constraint billing_cycles_attempted_has_amount_check check (attempt_no = 0 or amount_cents is not null),
    constraint billing_cycles_paid_check
      check ((status in ('PAID', 'CHARGED_BACK')) = (paid_at is not null and confirmation_id is not null))
  )`.execute(db);
  // What the runner claims: due cycles by time (FlowMart's `(status, next_billing_date)`).
  await sql`create index billing_cycles_due_idx on billing_cycles (next_attempt_at)
    where status in ('SCHEDULED', 'RETRYING', 'GRACE', 'PROCESSING')`.execute(db);
  // One open cycle per subscription: the next one is made when this one settles.
  await sql`create unique index billing_cycles_one_open_idx on billing_cycles (subscription_id)
    where status in ('SCHEDULED', 'RETRYING', 'GRACE', 'PROCESSING')`.execute(db);
  await sql`create table fulfilments (
    fulfilment_id text primary key,
    cycle_id text not null unique references billing_cycles (cycle_id),
    subscription_id text not null references subscriptions (subscription_id),
    channel text not null check (channel in ('DIGITAL', 'SHIPPING', 'IN_STORE_PICKUP')),
    status text not null check (status in ('DELIVERED', 'SHIPMENT_REQUESTED', 'AWAITING_PICKUP')),
    pickup_code text,
    pickup_expires_at timestamptz,
    created_at timestamptz not null,
    constraint fulfilments_pickup_check check ((channel = 'IN_STORE_PICKUP') = (pickup_code is not null))
  )`.execute(db);
}

async function createHistoryAndKeys(db: Kysely<unknown>): Promise<void> {
  await sql`create table subscription_changes (
    position bigint generated always as identity primary key,
    subscription_id text not null references subscriptions (subscription_id),
    user_id text not null,
    event text not null,
    actor text not null,
    reason text,
    idempotency_key text,
    before jsonb,
    after jsonb not null,
    occurred_at timestamptz not null
  )`.execute(db);
  await sql`create index subscription_changes_subscription_idx on subscription_changes (subscription_id, position)`.execute(
    db,
  );
  // Append-only: the history is what support and audits read; nothing may rewrite it.
  await sql`create function subscription_changes_append_only() returns trigger language plpgsql as $$
    begin raise exception 'subscription_changes is append-only' using errcode = '55000'; end $$`.execute(db);
  await sql`create trigger subscription_changes_no_rewrite before update or delete on subscription_changes
    for each row execute function subscription_changes_append_only()`.execute(db);
  await sql`create table idempotency_keys (
    scope text not null,
    key text not null check (length(key) between 1 and 255),
    request_hash text not null,
    status_code smallint not null,
    body jsonb not null,
    created_at timestamptz not null,
    primary key (scope, key)
  )`.execute(db);
  // What the User Service must hear of a change the runner made (finalize a downgrade, complete a
  // cancellation): delivered after the commit, again until it answered, each once by its id.
  await sql`create table membership_followups (
    followup_id text primary key,
    user_id text not null,
    subscription_id text not null references subscriptions (subscription_id),
    kind text not null check (kind in ('FINALIZE_DOWNGRADE', 'COMPLETE_CANCELLATION', 'END_FOR_PAYMENT_FAILURE')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error text,
    created_at timestamptz not null,
    delivered_at timestamptz
  )`.execute(db);
  await sql`create index membership_followups_due_idx on membership_followups (next_attempt_at)
    where delivered_at is null`.execute(db);
}
