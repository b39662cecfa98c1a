/**
 * The kill test's victim: runs the usermodel projector on a SQLite file as the local runtime does,
 * and (given CRASH_AFTER) stops in the middle of a batch after that many records, printing "stuck",
 * until it is killed.
 */
import type { DynamoDBRecord } from "aws-lambda";
import type { BatchHandler } from "../../../src/platform/adapters/embedded/event-source-mapping.ts";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { createDatabase } from "../../../src/platform/relational/database.ts";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import type { UsersDatabase } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import {
  type ProjectorHandler,
  usermodelProjectorPoller,
} from "../../../src/users/wiring/local/usermodel-projector.local.ts";
import { testLogger } from "../../support/log-capture.ts";

const { SQLITE_PATH, DATABASE_URL, STAGE, CRASH_AFTER, BATCH_SIZE } = process.env;
const sqlite = openSqlite(SQLITE_PATH as string);
const store = new SqliteTableStore(sqlite, STAGE as string, systemClock);
const usermodel = createDatabase<UsersDatabase>(DATABASE_URL as string, { maxConnections: 1 });
const crashAfter = CRASH_AFTER === undefined ? Number.POSITIVE_INFINITY : Number(CRASH_AFTER);
let projected = 0;

const stallingMidBatch =
  (handler: ProjectorHandler): BatchHandler<DynamoDBRecord> =>
  async ({ Records }) => {
    for (const record of Records) {
      if (projected === crashAfter) {
        process.stdout.write("stuck\n");
        setInterval(() => {}, 60_000); // stays alive, batch unfinished, until killed
        await new Promise(() => {});
      }
      const response = await handler({ Records: [record] });
      if (response.batchItemFailures.length > 0)
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? "" }] };
      projected++;
    }
    return { batchItemFailures: [] };
  };

usermodelProjectorPoller({
  sqlite,
  store,
  usermodel,
  logger: testLogger("usermodel-projector-child"),
  options: { batchSize: Number(BATCH_SIZE), wrap: stallingMidBatch },
}).start();
