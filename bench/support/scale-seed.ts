import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { openSqlite } from "../../src/platform/adapters/embedded/sqlite.database.ts";
import { queryPlan, recordingStatements } from "../../src/platform/adapters/embedded/sqlite-plan.ts";
import { SqliteTableStore } from "../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { localConfigSchema } from "../../src/platform/config/local.config.ts";
import { systemClock } from "../../src/platform/time/clock.port.ts";
import type { SubscriptionsDatabase } from "../../src/subscriptions/adapters/postgres/subscriptions.tables.ts";
import { MembershipStoreRepository } from "../../src/users/adapters/dynamodb/membership-store.repository.ts";
import { UserStoreRepository } from "../../src/users/adapters/dynamodb/user-store.repository.ts";
import { usersTable } from "../../src/users/adapters/dynamodb/users.tables.ts";
import { activeTag } from "../../src/users/domain/tag.ts";
import { signUp } from "../../src/users/domain/user.ts";
import { nextVersion } from "../../src/users/domain/user-version.ts";

/** The tag every seeded member carries besides START_DATE (what the bench's tag writes replace). */
export const COHORT_TAG = "SCALE_COHORT";

/** The seeded member number `i`'s user id. */
export const memberId = (i: number) => `auth0|scale-${i}`;

/**
 * `count` ACTIVE members written straight into the User Service's table in the data folder (before the
 * local process starts on it), through the repositories as sign-up and activation write them: the
 * user, START_DATE, the email's claim, then an ACTIVE `plus` membership with the cohort tag on a new
 * version of the user. The change feed's records of the seeding are then dropped, as if they had aged
 * out of the stream (DynamoDB Streams keeps 24 hours): the process starts with no backlog to feed.
 * Returns the `EXPLAIN QUERY PLAN` on the seeded file (after ANALYZE) of every statement the store
 * prepared for the seeding and for the API's reads of a member (current user, membership, tags, the
 * email lookup, history), a scan page, the TTL sweep and the change feed's read.
 */
export async function seedMembers(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  count: number,
): Promise<{ sql: string; plan: string[] }[]> {
  const config = localConfigSchema.parse(env);
  const sqlite = openSqlite(join(dataDir, "roster.sqlite"));
  try {
    const { db, statements } = recordingStatements(sqlite);
    const store = new SqliteTableStore(db, config.STAGE, systemClock);
    const users = new UserStoreRepository(store);
    const memberships = new MembershipStoreRepository(store);
    for (let i = 0; i < count; i++) {
      const id = memberId(i);
      const now = systemClock.now();
      const { user, startTag } = signUp(
        id,
        { user_email: `scale${i}@example.com`, user_first_name: "Scale" },
        now,
      );
      await users.create(user, startTag, "USER_CREATED");
      const tag = activeTag(COHORT_TAG, `c${i % 10}`, now);
      const next = nextVersion(
        user,
        { user_status: "ACTIVE", tags: { ...user.tags, [tag.tag_name]: tag } },
        now,
        "service:bench",
      );
      await memberships.save(
        undefined,
        {
          membership_user_id: id,
          membership_tier: "plus",
          membership_tier_version: "v1",
          membership_term: "MONTHLY",
          membership_status: "SUB_ACTIVE",
          membership_event_source: "service:bench",
          membership_event_type: "ACTIVATE",
          membership_is_pending_downgrade: false,
          membership_start_date: now.toISOString(),
        },
        { previous: user, next, eventType: "USER_ACTIVE", tag },
      );
    }
    sqlite.exec("DELETE FROM change_log; ANALYZE;");
    const probe = memberId(Math.floor(count / 2));
    await users.current(probe);
    await users.history(probe, { limit: 10 });
    await users.tags(probe, { limit: 10 });
    await users.findByEmail(`scale${Math.floor(count / 2)}@example.com`);
    await memberships.current(probe);
    await store.scan(usersTable, { limit: 100, segment: 0, totalSegments: 4 });
    store.sweepExpired([usersTable]);
    store.changes.read(store.tableName(usersTable));
    return [...statements].map((text) => ({ sql: text, plan: queryPlan(sqlite, text) }));
  } finally {
    sqlite.close();
  }
}

/**
 * Subscriptions for the members `from` to `count - 1`, copied in SQL from the template subscriptions
 * the API made (round robin), with every date a year later: in the tables, with an open cycle, and
 * not due during the bench (its renewal run is the templates').
 */
export async function cloneSubscriptions(
  db: Kysely<SubscriptionsDatabase>,
  templates: readonly string[],
  from: number,
  count: number,
): Promise<void> {
  if (count <= from) return;
  const year = sql`interval '365 days'`;
  await sql`
    with t as (select row_number() over (order by user_id) - 1 as k, * from subscriptions
               where user_id = any(${templates})),
         n as (select i, t.* from generate_series(${from}::int, ${count - 1}::int) as i
               join t on t.k = i % ${templates.length})
    insert into subscriptions (subscription_id, user_id, plan_id, status, tier, tier_version, term, price_cents,
      currency, payment_method, fulfilment_channel, fulfilment_details, source, anchor_at, period_start, period_end,
      last_payment_at, created_at, updated_at, version)
    select 'scale-sub-' || i, 'auth0|scale-' || i, plan_id, status, tier, tier_version, term, price_cents, currency,
      payment_method, fulfilment_channel, fulfilment_details, source, anchor_at + ${year}, period_start + ${year},
      period_end + ${year}, last_payment_at + ${year}, created_at + ${year}, updated_at + ${year}, version
    from n`.execute(db);
  await sql`
    with t as (select row_number() over (order by user_id) - 1 as k, subscription_id from subscriptions
               where user_id = any(${templates})),
         n as (select i, c.* from generate_series(${from}::int, ${count - 1}::int) as i
               join t on t.k = i % ${templates.length} join billing_cycles c on c.subscription_id = t.subscription_id)
    insert into billing_cycles (cycle_id, subscription_id, user_id, period_start, period_end, status, attempt_no,
      next_attempt_at, amount_cents, currency, tier, tier_version, confirmation_id, paid_at, updated_at)
    select 'scale-cycle-' || i || '-' || cycle_id, 'scale-sub-' || i, 'auth0|scale-' || i, period_start + ${year},
      period_end + ${year}, status, attempt_no, next_attempt_at + ${year}, amount_cents, currency, tier, tier_version,
      case when confirmation_id is null then null else confirmation_id || '-scale-' || i end, paid_at + ${year},
      updated_at + ${year}
    from n`.execute(db);
  await sql`analyze`.execute(db);
}
