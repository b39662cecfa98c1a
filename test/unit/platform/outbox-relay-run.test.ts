import { describe, expect, it } from "vitest";
import { RecordingMetrics } from "../../../src/platform/adapters/embedded/recording.metrics.ts";
import type { StreamProducer } from "../../../src/platform/events/stream-producer.port.ts";
import type { Outbox } from "../../../src/platform/outbox/outbox.port.ts";
import type { OutboxEntry } from "../../../src/platform/outbox/outbox-record.ts";
import { relayForAWhile, toStream } from "../../../src/platform/outbox/outbox-relay.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { testLogger } from "../../support/log-capture.ts";

const NOW = "2026-12-01T10:00:00.000Z";

/** An outbox in memory: what `commit` adds is pending until marked. */
function memoryOutbox(clock: ManualClock) {
  const rows: (OutboxEntry & { relayed: boolean })[] = [];
  const outbox: Outbox = {
    pending: async (limit) => rows.filter((r) => !r.relayed).slice(0, limit),
    markRelayed: async (positions) => {
      for (const row of rows) if (positions.includes(row.position)) row.relayed = true;
    },
  };
  const commit = (userId: string, ageMs = 0) =>
    rows.push({
      position: rows.length + 1,
      recordId: `r-${rows.length + 1}`,
      userId,
      eventType: "PaymentProcessed",
      payload: { n: rows.length + 1 },
      createdAt: new Date(clock.now().getTime() - ageMs),
      relayed: false,
    });
  return { outbox, commit };
}

function harness(streams?: StreamProducer) {
  const clock = new ManualClock(NOW);
  const { outbox, commit } = memoryOutbox(clock);
  const put: string[] = [];
  const metrics = new RecordingMetrics();
  const deps = {
    outbox,
    publish: toStream(
      streams ?? {
        put: async (_stream: string, records: readonly { partitionKey: string; data: string }[]) => {
          put.push(...records.map((r) => r.data));
          return records.map((_, i) => ({ shardId: "s", sequenceNumber: String(i) }));
        },
      },
      "test-payments",
    ),
    logger: testLogger("test-relay"),
    clock,
    metrics,
    lagMetric: "payments.outbox.lag",
  };
  return { clock, commit, put, metrics, deps };
}

describe("a scheduled relay run", () => {
  it("drains the outbox, keeps looking every poll until its time is up, and publishes the oldest wait once", async () => {
    const h = harness();
    h.commit("auth0|ada", 30_000);
    h.commit("auth0|bo", 5_000);
    let polls = 0;
    const sleep = async (ms: number) => {
      polls += 1;
      if (polls === 2) h.commit("auth0|cy");
      h.clock.advance(ms);
    };

    const run = await relayForAWhile(h.deps, {
      runMs: 5_000,
      pollMs: 1_000,
      remainingMs: () => 60_000,
      sleep,
    });

    expect(run.relayed).toBe(3);
    expect(h.put).toHaveLength(3);
    expect(polls).toBe(5);
    expect(h.metrics.recorded("payments.outbox.lag").map((m) => m.value)).toEqual([30_000]);
  });

  it("publishes 0 when nothing waited, and the wait it saw when the stream refuses the records", async () => {
    const idle = harness();
    await relayForAWhile(idle.deps, { runMs: 0, pollMs: 1_000, remainingMs: () => 60_000 });
    expect(idle.metrics.recorded("payments.outbox.lag").map((m) => m.value)).toEqual([0]);

    const refused = harness({
      put: async () => {
        throw new Error("Kinesis refused");
      },
    });
    refused.commit("auth0|ada", 90_000);
    await expect(
      relayForAWhile(refused.deps, { runMs: 0, pollMs: 1_000, remainingMs: () => 60_000 }),
    ).rejects.toThrow("Kinesis refused");
    expect(refused.metrics.recorded("payments.outbox.lag").map((m) => m.value)).toEqual([90_000]);
  });
});
