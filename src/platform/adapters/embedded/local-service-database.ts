import type { Kysely, Migration } from "kysely";
import type { Logger } from "../../logging/logger.ts";
import { createDatabase } from "../../relational/database.ts";
import { migrateToLatest } from "../../relational/migrator.ts";
import { ensureServiceDatabase } from "../../relational/service-database.ts";
import { localSecret } from "./local-secret.ts";

/**
 * A service's own database name on the local server: `<service>` beside the server's default
 * database; beside any other (a test's throwaway database) `<that database>_<service>`, so two local
 * processes on one server never share each other's rows.
 */
export function localServiceDatabaseName(adminUrl: string, service: string): string {
  const admin = decodeURIComponent(new URL(adminUrl).pathname.slice(1)) || "postgres";
  return admin === "postgres"
    ? service
    : `${admin.toLowerCase().replace(/[^a-z0-9_]/g, "_")}_${service}`.slice(0, 63);
}

export interface LocalServiceDatabaseOptions {
  /** The shared server's admin URL (`LocalPlatform.postgresUrl`). */
  readonly postgresUrl: string;
  /** `LocalPlatform.dataDir`: the role's password is kept there. */
  readonly dataDir: string;
  readonly logger: Logger;
  /** The database and its role (roles are the whole server's). */
  readonly name: string;
  readonly migrations: Record<string, Migration>;
  readonly migrationTable: string;
  /** Shown in pg_stat_activity. */
  readonly applicationName: string;
  readonly maxConnections?: number;
}

/**
 * A service's database in the local process: its own database and role on the shared embedded server
 * (the password generated once into `<data>/<name>-database-password`, which no other service's role
 * can use), migrated to the latest schema. On AWS the service's stack makes both and a secret holds
 * the password.
 */
export async function openLocalServiceDatabase<DB>(
  options: LocalServiceDatabaseOptions,
): Promise<Kysely<DB>> {
  const url = await ensureServiceDatabase({
    adminUrl: options.postgresUrl,
    name: options.name,
    password: localSecret(options.dataDir, `${options.name}-database-password`),
  });
  const db = createDatabase<DB>(url, {
    applicationName: options.applicationName,
    // The local process serves many requests at once; each transaction holds one connection.
    maxConnections: options.maxConnections ?? 10,
    onIdleConnectionError: (error) =>
      options.logger.warn("idle PostgreSQL connection failed", { reason: error.message }),
  });
  await migrateToLatest(db, options.migrations, { tableName: options.migrationTable });
  return db;
}
