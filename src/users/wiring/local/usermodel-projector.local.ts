import type { DatabaseSync } from "node:sqlite";
import type { DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import type { Kysely } from "kysely";
import { changeLogSource } from "../../../platform/adapters/embedded/change-log.source.ts";
import { EventSourceCheckpoints } from "../../../platform/adapters/embedded/event-source-checkpoints.ts";
import {
  type BatchHandler,
  EventSourceMapping,
  type EventSourceMappingOptions,
} from "../../../platform/adapters/embedded/event-source-mapping.ts";
import { inTransaction } from "../../../platform/adapters/embedded/sqlite.database.ts";
import type { SqliteTableStore } from "../../../platform/adapters/embedded/sqlite-table.store.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
import type {
  ChangeFeedSourceDeclaration,
  MappingSettings,
} from "../../../platform/service/event-source.declaration.ts";
import { usersTable } from "../../adapters/dynamodb/users.tables.ts";
import { PostgresUsermodelProjection } from "../../adapters/postgres/usermodel.projection.ts";
import type { UsersDatabase } from "../../adapters/postgres/usermodel.table.ts";
import { projectUserChanges } from "../../workers/usermodel-projector.worker.ts";

/** The projector's mapping name: it keys its checkpoint (and would key its dead letters). */
export const USERMODEL_PROJECTOR = "users-usermodel-projector";

/** The change log's only shard, as `changeLogSource` names it. */
const SHARD = changeLogSource({ read: () => [] }, "").shardIds()[0] as string;

/** The checkpoint table of the poller that ran the projector before the mapping engine did. */
const LEGACY_TABLE = "consumer_checkpoints";

/** The worker as the mapping calls it; it always answers with its batch item failures. */
export type ProjectorHandler = (event: { Records: DynamoDBRecord[] }) => Promise<DynamoDBBatchResponse>;

export type ProjectorTuning = Pick<
  EventSourceMappingOptions<DynamoDBRecord>,
  | "batchSize"
  | "maximumBatchingWindowMs"
  | "maximumRetryAttempts"
  | "retryBackoffMs"
  | "maxRetryBackoffMs"
  | "idleMs"
>;

export interface LocalProjectorParts {
  /** The SQLite database that holds the store (its change log) and the checkpoint. */
  readonly sqlite: DatabaseSync;
  readonly store: SqliteTableStore;
  readonly usermodel: Kysely<UsersDatabase>;
  readonly logger: Logger;
  /** Tuning, or a wrapper around the worker (tests use it to crash mid-way). */
  readonly options?: ProjectorTuning & {
    readonly wrap?: (handler: ProjectorHandler) => BatchHandler<DynamoDBRecord>;
  };
}

/**
 * ReportBatchItemFailures, and bounded retries backing off up to 30 s: a record that keeps failing goes
 * to the dead letters (with its reason; `npm run events -- dlq list`, redrive once its cause is fixed)
 * and the projector moves on, so one change PostgreSQL refuses never holds back everyone's later ones.
 * A dead-lettered change of a user is overtaken by that user's next change (each row is the whole newest
 * version; the ordering guard keeps the newest). The running process takes the retry count and first
 * backoff from its configuration (ROSTER_STREAM_MAX_RETRIES, ROSTER_RETRY_BACKOFF_MS), as every worker.
 */
const PROJECTOR_SETTINGS = {
  reportBatchItemFailures: true,
  maxRetryBackoffMs: 30_000,
} as const satisfies MappingSettings;

/** What `npm run rebuild:usermodel` and tests use where the process would use its configuration. */
const POLLER_RETRIES = { maximumRetryAttempts: 5, retryBackoffMs: 500 } as const;

/** The projector as the running process declares it: the users table's change feed into `usermodel`. */
export function usermodelProjectorSource(
  parts: Pick<LocalProjectorParts, "usermodel" | "logger">,
): ChangeFeedSourceDeclaration {
  const deps = { projection: new PostgresUsermodelProjection(parts.usermodel), logger: parts.logger };
  return {
    name: USERMODEL_PROJECTOR,
    changesOf: usersTable,
    settings: PROJECTOR_SETTINGS,
    handler: ({ Records }) => projectUserChanges(deps, Records),
  };
}

/**
 * The users table's change log delivered to the same worker the Lambda runs on DynamoDB Streams, by
 * the event source mapping engine, configured as the AWS mapping (`npm run rebuild:usermodel` and
 * tests drive it directly; the running process runs `usermodelProjectorSource`).
 */
export function usermodelProjectorPoller(parts: LocalProjectorParts): EventSourceMapping<DynamoDBRecord> {
  const { sqlite, store, logger } = parts;
  const deps = { projection: new PostgresUsermodelProjection(parts.usermodel), logger };
  const handler: ProjectorHandler = ({ Records }) => projectUserChanges(deps, Records);
  const { wrap, ...tuning } = parts.options ?? {};
  carryOverLegacyCheckpoint(sqlite);
  return new EventSourceMapping<DynamoDBRecord>({
    name: USERMODEL_PROJECTOR,
    db: sqlite,
    logger,
    source: changeLogSource(store.changes, store.tableName(usersTable), (listener) =>
      store.changes.onAppend(listener),
    ),
    ...PROJECTOR_SETTINGS,
    ...POLLER_RETRIES,
    ...tuning,
    handler: wrap ? wrap(handler) : handler,
  });
}

/** The change log sequence of the last change the projector finished; 0 before any. */
export function projectorCheckpoint(sqlite: DatabaseSync): number {
  const position = new EventSourceCheckpoints(sqlite).get(USERMODEL_PROJECTOR, SHARD);
  return position === undefined ? (legacyCheckpoint(sqlite) ?? 0) : Number(position);
}

/** Makes the projector start again from the first change (`npm run rebuild:usermodel`). */
export function resetProjectorCheckpoint(sqlite: DatabaseSync): void {
  const checkpoints = new EventSourceCheckpoints(sqlite);
  inTransaction(sqlite, () => {
    checkpoints.reset(USERMODEL_PROJECTOR);
    forgetLegacyCheckpoint(sqlite);
  });
}

/**
 * Data folders of earlier versions keep the projector's checkpoint in `consumer_checkpoints`: it is
 * moved over once, so they do not re-project the whole log (harmless with the ordering guard, but slow).
 */
export function carryOverLegacyCheckpoint(sqlite: DatabaseSync): void {
  if (legacyCheckpoint(sqlite) === undefined) return;
  const checkpoints = new EventSourceCheckpoints(sqlite);
  inTransaction(sqlite, () => {
    const legacy = legacyCheckpoint(sqlite);
    if (legacy === undefined) return;
    if (checkpoints.get(USERMODEL_PROJECTOR, SHARD) === undefined)
      checkpoints.set(USERMODEL_PROJECTOR, SHARD, String(legacy));
    forgetLegacyCheckpoint(sqlite);
  });
}

function legacyCheckpoint(sqlite: DatabaseSync): number | undefined {
  if (!hasLegacyTable(sqlite)) return undefined;
  const row = sqlite.prepare(`SELECT seq FROM ${LEGACY_TABLE} WHERE consumer = ?`).get(USERMODEL_PROJECTOR) as
    | { seq: number }
    | undefined;
  return row?.seq;
}

function forgetLegacyCheckpoint(sqlite: DatabaseSync): void {
  if (hasLegacyTable(sqlite))
    sqlite.prepare(`DELETE FROM ${LEGACY_TABLE} WHERE consumer = ?`).run(USERMODEL_PROJECTOR);
}

function hasLegacyTable(sqlite: DatabaseSync): boolean {
  return (
    sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(LEGACY_TABLE) !==
    undefined
  );
}
