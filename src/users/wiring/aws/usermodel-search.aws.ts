import { sql } from "kysely";
import type { DatabaseTargets } from "../../../platform/adapters/aws/database-targets.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
import { createDatabase } from "../../../platform/relational/database.ts";
import type { CursorCodec } from "../../../platform/store/cursor-codec.ts";
import { PostgresUserSearch } from "../../adapters/postgres/usermodel.search.ts";
import type { UsersDatabase } from "../../adapters/postgres/usermodel.table.ts";
import type { UserSearch } from "../../ports/user-search.port.ts";

/** The usermodel projection as the API reads it: operator search and reports, and the health check's ping. */
export interface UsermodelReads {
  readonly search: UserSearch;
  ping(): Promise<void>;
}

/**
 * The API's connections to the usermodel projection (PostgreSQL, Kysely on `pg`), for a composition
 * root that imports this module on first use: only operator search, reports and the health check need
 * them, and Kysely with `pg` were 206 KiB of the API's cold start (issue 16). One Lambda instance serves
 * one request at a time: two connections keep RDS's limit far away; search reads the replica when
 * there is one, with a statement timeout so that a slow search does not hold a connection long.
 */
export function usermodelReads(
  databases: DatabaseTargets,
  options: { readonly stage: string; readonly logger: Logger; readonly cursors: CursorCodec },
): UsermodelReads {
  const { stage, logger, cursors } = options;
  const usermodel = createDatabase<UsersDatabase>(databases.primary, {
    maxConnections: 2,
    applicationName: `${stage}-user-service-api`,
    onIdleConnectionError: (error) =>
      logger.warn("idle PostgreSQL connection failed", { reason: error.message }),
  });
  const reader = databases.reader
    ? createDatabase<UsersDatabase>(databases.reader, {
        maxConnections: 2,
        applicationName: `${stage}-user-service-api-read`,
        statementTimeoutMs: 5_000,
        onIdleConnectionError: (error) =>
          logger.warn("idle PostgreSQL read connection failed", { reason: error.message }),
      })
    : usermodel;
  return {
    search: new PostgresUserSearch(reader, cursors),
    ping: async () => void (await sql`select 1`.execute(usermodel)),
  };
}
