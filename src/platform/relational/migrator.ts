import { type Kysely, type Migration, type MigrationResult, Migrator } from "kysely";

export class MigrationFailedError extends Error {
  readonly migrationName: string;

  constructor(migrationName: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Migration "${migrationName}" failed: ${reason}`, { cause });
    this.name = "MigrationFailedError";
    this.migrationName = migrationName;
  }
}

export interface MigrateOptions {
  /**
   * Table that records which migrations ran (its lock table gets a `_lock` suffix). Each service names
   * its own, so several services can share one database without tripping over each other's history.
   */
  tableName?: string;
}

/**
 * Brings the schema up to the last of `migrations`, in name order, and returns the names it ran (none
 * when already up to date). The migrations come from code, not from a folder scan, so they survive
 * bundling into a Lambda. On PostgreSQL one run is one transaction: a failure leaves nothing half done.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
  options: MigrateOptions = {},
): Promise<string[]> {
  const tableName = options.tableName ?? "kysely_migration";
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: tableName,
    migrationLockTableName: `${tableName}_lock`,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) throw new MigrationFailedError(failedMigrationName(results), error);
  return results.filter((result) => result.status === "Success").map((result) => result.migrationName);
}

/** Kysely reports a failure before any migration ran (e.g. a missing or reordered one) with no result. */
function failedMigrationName(results: readonly MigrationResult[]): string {
  return results.find((result) => result.status === "Error")?.migrationName ?? "(before any migration ran)";
}
