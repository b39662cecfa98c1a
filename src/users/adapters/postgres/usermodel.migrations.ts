import { type Kysely, type Migration, sql } from "kysely";

/**
 * The users service's PostgreSQL schema history. Names sort in the order they run; a migration, once
 * released, is never edited (add a new one instead). The value lists in the CHECK constraints are
 * written out here rather than imported from usermodel.table.ts so that history cannot change under
 * an already-migrated database when those lists grow.
 */
export const usermodelMigrations: Record<string, Migration> = {
  "0001_create_usermodel": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("usermodel")
        .addColumn("user_id", "text", (column) => column.primaryKey())
        .addColumn("first_name", "text")
        .addColumn("last_name", "text")
        .addColumn("email", "text")
        .addColumn("address", "text")
        .addColumn("city", "text")
        .addColumn("state", "text")
        .addColumn("zip_code", "text")
        .addColumn("date_joined", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn("date_updated", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn("employment_validation", "text", (column) => column.notNull())
        .addColumn("install_id", "text")
        .addColumn("firebase_instance_id", "text")
        .addColumn("appsflyer_id", "text")
        .addColumn("app_platform", "text")
        .addCheckConstraint(
          "usermodel_employment_validation_check",
          sql`employment_validation in ('PROCESSING', 'ACTIVE', 'PAUSED', 'BANNED', 'INVESTIGATE')`,
        )
        .addCheckConstraint("usermodel_app_platform_check", sql`app_platform in ('ios', 'android')`)
        .execute();
      // Look-ups by email ignore case, as people type their address however they like.
      await db.schema
        .createIndex("usermodel_lower_email_idx")
        .on("usermodel")
        .expression(sql`lower(email)`)
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("usermodel").execute();
    },
  },
  // Search needs the phone; the expressions below must stay identical to usermodel.search.ts's.
  "0002_usermodel_phone_and_search": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("usermodel").addColumn("phone", "text").execute();
      // Trigram indexes answer `like '%term%'`; pg_trgm is a trusted extension (PostgreSQL 13+, RDS).
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`create index usermodel_search_idx on usermodel using gin ((lower(
        coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' ||
        coalesce(phone, '') || ' ' || coalesce(city, ''))) gin_trgm_ops)`.execute(db);
      await sql`create index usermodel_search_order_idx on usermodel
        ((lower(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))), user_id)`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("usermodel_search_order_idx").execute();
      await db.schema.dropIndex("usermodel_search_idx").execute();
      await db.schema.alterTable("usermodel").dropColumn("phone").execute();
    },
  },
};

/** Its own bookkeeping table, so the services can share one database locally without seeing each other's history. */
export const USERMODEL_MIGRATION_TABLE = "users_migration";
