import type { DatabaseSync } from "node:sqlite";
import type { Kysely } from "kysely";
import { ConsumerCheckpoints } from "../../platform/adapters/embedded/consumer-checkpoints.ts";
import type { SqliteTableStore } from "../../platform/adapters/embedded/sqlite-table.store.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { PostgresUsermodelProjection } from "../../users/adapters/usermodel.projection.ts";
import type { UsersDatabase } from "../../users/adapters/usermodel.table.ts";
import { usersTable } from "../../users/adapters/users.tables.ts";
import { projectUserChanges } from "../../users/workers/usermodel-projector.worker.ts";
import {
  type ChangeBatchHandler,
  ChangeFeedPoller,
  type ChangeFeedPollerOptions,
} from "./change-feed.poller.ts";

/** The projector's checkpoint name in `consumer_checkpoints`. */
export const USERMODEL_PROJECTOR = "users-usermodel-projector";

export interface LocalProjectorParts {
  /** The SQLite database that holds the store (its change log) and the checkpoint. */
  readonly sqlite: DatabaseSync;
  readonly store: SqliteTableStore;
  readonly usermodel: Kysely<UsersDatabase>;
  readonly logger: Logger;
  /** Tuning, or a wrapper around the worker (tests use it to crash mid-way). */
  readonly options?: Partial<Omit<ChangeFeedPollerOptions, "handler">> & {
    readonly wrap?: (handler: ChangeBatchHandler) => ChangeBatchHandler;
  };
}

/** The users table's change log delivered to the same worker the Lambda runs on DynamoDB Streams. */
export function usermodelProjectorPoller(parts: LocalProjectorParts): ChangeFeedPoller {
  const deps = { projection: new PostgresUsermodelProjection(parts.usermodel), logger: parts.logger };
  const handler: ChangeBatchHandler = (records) => projectUserChanges(deps, records);
  const { wrap, ...tuning } = parts.options ?? {};
  return new ChangeFeedPoller({
    consumer: USERMODEL_PROJECTOR,
    table: parts.store.tableName(usersTable),
    feed: parts.store.changes,
    checkpoints: new ConsumerCheckpoints(parts.sqlite),
    logger: parts.logger,
    ...tuning,
    handler: wrap ? wrap(handler) : handler,
  });
}
