import { beforeEach, describe, expect, it } from "vitest";
import { lambdaContext } from "../../../../src/platform/adapters/embedded/lambda-context.ts";
import { QueueEventSourceMapping } from "../../../../src/platform/adapters/embedded/queue-event-source-mapping.ts";
import { openSqlite } from "../../../../src/platform/adapters/embedded/sqlite.database.ts";
import type { LocalChannels } from "../../../../src/platform/service/service-module.ts";
import { localChannels } from "../../../../src/runtime/local/local-channels.ts";
import {
  moveLegacyCleanupMessages,
  SqliteCleanupQueue,
} from "../../../../src/users/adapters/embedded/cleanup-queue.sqlite.ts";
import { SandboxArrayService } from "../../../../src/users/adapters/sandbox/array-service.sandbox.ts";
import { usersModule } from "../../../../src/users/users.module.ts";
import { buildTestServices } from "../../../../src/users/wiring/test-services.ts";
import { handleCleanupMessages } from "../../../../src/users/workers/cleanup.worker.ts";
import { testLogger } from "../../../support/log-capture.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

const VISIBILITY_MS = 30_000;

/** The cleanup queue as the local runtime runs it: queue, dead-letter queue, mapping and worker. */
/** The User Service's cleanup queue and its dead-letter queue, as the local runtime names them. */
const cleanupOf = (channels: LocalChannels) =>
  channels.queueNames.cleanup as { readonly queue: string; readonly deadLetters: string };

describe("cleanup queue with its worker (redelivery, dead-letter queue, redrive)", () => {
  let s: Services;
  let channels: LocalChannels;
  let mapping: QueueEventSourceMapping;
  let array: SandboxArrayService;

  beforeEach(async () => {
    s = await buildTestServices();
    const config = {
      STAGE: "test",
      ROSTER_STREAM_SHARDS: 1,
      ROSTER_STREAM_RETENTION_HOURS: 24,
      ROSTER_QUEUE_MAX_RECEIVES: 3,
    };
    channels = localChannels(openSqlite(":memory:"), config, [usersModule], () => s.clock.now());
    array = new SandboxArrayService({ store: s.store, clock: s.clock });
    const logger = testLogger("test-cleanup");
    const deps = { ...s.services.lifecycle, logger, array };
    mapping = new QueueEventSourceMapping({
      queues: channels.queues,
      queue: cleanupOf(channels).queue,
      logger,
      visibilityTimeoutMs: VISIBILITY_MS,
      reportBatchItemFailures: true,
      handler: ({ Records }) => handleCleanupMessages(deps, Records, lambdaContext("test-cleanup", 30_000)),
    });
  });

  /** Sends as the API does: through the CleanupQueue adapter on the runtime's queue. */
  const send = (userId: string) =>
    new SqliteCleanupQueue(openSqlite(":memory:"), () => s.clock.now(), {
      queue: cleanupOf(channels).queue,
      queues: channels.queues,
    }).send({ user_id: userId, reason: "CLOSEACCOUNT", requested_at: s.clock.now().toISOString() });

  it("deletes what succeeded, retries what failed after the visibility timeout, then dead-letters it", async () => {
    await send("auth0|ada");
    await send("auth0|bo-array-down");

    const first = await mapping.drain();
    for (let receive = 2; receive <= 3; receive++) {
      s.clock.advance(VISIBILITY_MS + 1);
      expect(await mapping.drain()).toMatchObject({ received: 1, failed: 1 });
    }
    s.clock.advance(VISIBILITY_MS + 1);
    const afterLimit = await mapping.drain();

    expect(first).toMatchObject({ received: 2, deleted: 1, failed: 1 });
    expect(await array.scheduled("auth0|ada")).toBeDefined();
    expect(afterLimit.received).toBe(0);
    expect(channels.queues.list(cleanupOf(channels).queue)).toEqual([]);
    const dead = channels.queues.list(cleanupOf(channels).deadLetters);
    expect(dead.map((m) => JSON.parse(m.body).user_id)).toEqual(["auth0|bo-array-down"]);
    // The steps before Array's are repeatable and were done on every receive: no harm.
    expect(await s.sandboxes.accounts.isBlocked("auth0|bo-array-down")).toBe(true);
  });

  it("a redriven message is delivered again from the start of its receive count", async () => {
    await send("auth0|cy-array-down");
    for (let receive = 1; receive <= 4; receive++) {
      await mapping.drain();
      s.clock.advance(VISIBILITY_MS + 1);
    }
    expect(channels.queues.list(cleanupOf(channels).deadLetters)).toHaveLength(1);

    const moved = channels.queues.redrive(cleanupOf(channels).deadLetters, cleanupOf(channels).queue);

    expect(moved).toBe(1);
    expect(await mapping.drain()).toMatchObject({ received: 1, failed: 1 });
    expect(channels.queues.list(cleanupOf(channels).queue)).toMatchObject([{ receiveCount: 1 }]);
  });
});

describe("cleanup messages of earlier data folders", () => {
  it("are moved once, oldest first, from the old cleanup_queue table to the queue", async () => {
    const db = openSqlite(":memory:");
    db.exec(
      "CREATE TABLE cleanup_queue (seq INTEGER PRIMARY KEY AUTOINCREMENT, sent_at TEXT NOT NULL, body TEXT NOT NULL)",
    );
    const insert = db.prepare("INSERT INTO cleanup_queue (sent_at, body) VALUES (?, ?)");
    for (const user_id of ["auth0|old-1", "auth0|old-2"]) {
      insert.run(
        "2026-11-01T00:00:00.000Z",
        JSON.stringify({ user_id, reason: "CANCEL", requested_at: "2026-11-01T00:00:00.000Z" }),
      );
    }
    const config = {
      STAGE: "test",
      ROSTER_STREAM_SHARDS: 1,
      ROSTER_STREAM_RETENTION_HOURS: 24,
      ROSTER_QUEUE_MAX_RECEIVES: 3,
    };
    const channels = localChannels(db, config, [usersModule]);
    const { queues } = channels;
    const names = { cleanup: cleanupOf(channels).queue };

    const moved = await moveLegacyCleanupMessages(db, queues, names.cleanup);
    const again = await moveLegacyCleanupMessages(db, queues, names.cleanup);

    expect([moved, again]).toEqual([2, 0]);
    expect(queues.list(names.cleanup).map((m) => JSON.parse(m.body).user_id)).toEqual([
      "auth0|old-1",
      "auth0|old-2",
    ]);
  });
});
