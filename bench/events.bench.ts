/**
 * The subscriptions path of the local event runtime, end to end: a record put on `{stage}-subscriptions`,
 * the subscriptions mapping runs the worker, the membership record is written, the feeder mapping puts
 * its MEMBERSHIP event on `{stage}-user-service-users`. Events/s, p50/p99 (put call -> event appended),
 * the worker's own cost per record (called directly, no mapping, no stream; then each call in one SQLite
 * transaction, as the local subscriptions mapping runs it), and each as a ratio to raw
 * appends of the same records measured in the same run. Never a pass/fail on time.
 *
 * The data folder is a fresh one under the OS temp folder (TMPDIR), removed at the end: on a disk,
 * SQLite's WAL checkpoints wait on it as `npm start`'s do; `TMPDIR=/dev/shm` takes the disk out. The
 * cpu column (process user + system time per record) is the steadier figure on a shared machine.
 * BENCH_EVENTS sets the records per scenario (default 2000); LOG_LEVEL the runtime's (default WARN).
 */
import { randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { KinesisStreamRecord } from "aws-lambda";
import {
  SUBSCRIPTION_PAUSE_RESUME_EXAMPLE,
  SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE,
} from "../src/contracts/subscriptions/subscriptions.message.ts";
import { lambdaContext } from "../src/platform/adapters/embedded/lambda-context.ts";
import { inOneTransaction } from "../src/platform/adapters/embedded/sqlite.database.ts";
import { toLambdaRecord } from "../src/platform/adapters/embedded/sqlite-streams.model.ts";
import { SqliteStreams } from "../src/platform/adapters/embedded/sqlite-streams.ts";
import type { StreamRecordInput } from "../src/platform/events/stream-producer.port.ts";
import { UNPAUSED_METRIC } from "../src/users/use-cases/membership/resume-after-pause.use-case.ts";
import { subscriptionsWorker } from "../src/users/workers/subscriptions.worker.ts";
import { type EventWorld, openEventWorld, seedPausingMembers } from "./support/event-world.ts";

/** Records per measured scenario (the 50/50 mix has half as many users, two records each). */
const RECORDS = Number(process.env.BENCH_EVENTS ?? 2000);
const WARM_UP = 400;
/** Records per put, as a producer batches PutRecords; also the mappings' and the handler's batch size. */
const PUT_BATCH = 100;
/** Paced runs put this many records per tick at half the burst's rate: latency below saturation. */
const PACED_CHUNK = 10;
/** In the 50/50 mix a user's resume is put this many records after its skip, so both never share a batch. */
const RESUME_LAG = 400;
const SETTLE_QUIET_MS = 300;
const DEADLINE_MS = 60_000;

type Kind = "skipped" | "resume";
const EVENT_TYPE: Record<Kind, string> = { skipped: "PAUSE_COLLECTION_SKIPPED", resume: "SUB_RESUMED" };

interface Planned {
  readonly userId: string;
  readonly kind: Kind;
  readonly input: StreamRecordInput;
}

interface Row {
  readonly scenario: string;
  readonly records: number;
  readonly "events/s": number;
  readonly "p50 ms": string;
  readonly "p99 ms": string;
  readonly "wall µs/record": string;
  readonly "cpu µs/record": string;
  readonly "ratio to raw appends": string;
  readonly missing?: number;
}

let userSeq = 0;
const newUsers = (n: number, label: string) =>
  Array.from({ length: n }, () => `auth0|bench-${label}-${(userSeq++).toString(36)}`);

function recordOf(kind: Kind, userId: string): Planned {
  const example = kind === "skipped" ? SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE : SUBSCRIPTION_PAUSE_RESUME_EXAMPLE;
  const at = new Date().toISOString();
  const event = {
    ...example,
    event_id: randomUUID(),
    occurred_at: at,
    payload: { ...example.payload, user_id: userId, updated_at: at },
  };
  return { userId, kind, input: { partitionKey: userId, data: JSON.stringify(event) } };
}

const skippedOnly = (users: readonly string[]) => users.map((id) => recordOf("skipped", id));

/** Each user skipped, then resumed RESUME_LAG records later (the lag is the tail for the last users). */
function skippedThenResumed(users: readonly string[]): Planned[] {
  const plan: Planned[] = [];
  users.forEach((id, i) => {
    plan.push(recordOf("skipped", id));
    const resumed = users[i - RESUME_LAG];
    if (resumed) plan.push(recordOf("resume", resumed));
  });
  for (const id of users.slice(Math.max(0, users.length - RESUME_LAG))) plan.push(recordOf("resume", id));
  return plan;
}

const chunks = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

function percentile(sorted: readonly number[], q: number): number {
  return sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
}

/**
 * Follows the users stream from its current end: each MEMBERSHIP event is matched to the record that
 * caused it (user id and event type) and timed when its put commits (`onAppend` runs right after it).
 */
class UsersStreamWatch {
  readonly #streams: SqliteStreams;
  readonly #stream: string;
  readonly #pending = new Map<string, number>();
  #cursor: string | undefined;
  #latencies: number[] = [];
  #lastAt = 0;
  #lastAppend = performance.now();
  #done: (() => void) | undefined;

  constructor(streams: SqliteStreams, stream: string) {
    this.#streams = streams;
    this.#stream = stream;
    this.#cursor = this.#drain(() => undefined);
    streams.onAppend((name) => {
      if (name !== stream) return;
      const at = performance.now();
      this.#lastAppend = at;
      this.#cursor = this.#drain((record) => this.#seen(record, at));
    });
  }

  /** Expects the event of `planned`, put at `at`. */
  expect(planned: Planned, at: number): void {
    this.#pending.set(`${planned.userId} ${EVENT_TYPE[planned.kind]}`, at);
  }

  /** Until every expected event arrived (or the deadline passed); the latencies and the last arrival. */
  async collect(): Promise<{ latencies: number[]; lastAt: number; missing: number }> {
    if (this.#pending.size > 0) {
      const arrived = new Promise<void>((resolve) => {
        this.#done = resolve;
      });
      const deadline = new AbortController();
      await Promise.race([
        arrived,
        sleep(DEADLINE_MS, undefined, { signal: deadline.signal }).catch(() => {}),
      ]);
      deadline.abort();
    }
    const result = { latencies: this.#latencies, lastAt: this.#lastAt, missing: this.#pending.size };
    this.#pending.clear();
    this.#latencies = [];
    this.#done = undefined;
    return result;
  }

  /** Until the users stream has been quiet for `quietMs` (the feeder caught up). */
  async settle(quietMs = SETTLE_QUIET_MS): Promise<void> {
    const started = performance.now();
    while (performance.now() - this.#lastAppend < quietMs && performance.now() - started < DEADLINE_MS) {
      await sleep(quietMs / 3);
    }
  }

  #drain(each: (record: KinesisStreamRecord) => void): string | undefined {
    let cursor = this.#cursor;
    for (;;) {
      const page = this.#streams.tail(this.#stream, { ...(cursor ? { cursor } : {}) }, 500);
      for (const record of page.records) each(record);
      cursor = page.cursor;
      if (page.records.length < 500) return cursor;
    }
  }

  #seen(record: KinesisStreamRecord, at: number): void {
    const event = JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")) as {
      db_type?: string;
      user_id?: string;
      event_type?: string;
    };
    if (event.db_type !== "MEMBERSHIP") return;
    const key = `${event.user_id} ${event.event_type}`;
    const putAt = this.#pending.get(key);
    if (putAt === undefined) return;
    this.#pending.delete(key);
    this.#latencies.push(at - putAt);
    this.#lastAt = at;
    if (this.#pending.size === 0) this.#done?.();
  }
}

/** Raw appends of the records to a stream no mapping reads, in batches of PUT_BATCH: records/s. */
async function rawAppends(streams: SqliteStreams, stream: string, plan: readonly Planned[]): Promise<Timed> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const batch of chunks(plan, PUT_BATCH)) {
    await streams.put(
      stream,
      batch.map((p) => p.input),
    );
  }
  return timed(plan.length, started, cpu);
}

interface Timed {
  readonly records: number;
  readonly perSecond: number;
  /** Process CPU (user + system) per record: steadier than wall time on a shared machine. */
  readonly cpuMicros: number;
}

function timed(records: number, started: number, cpu: NodeJS.CpuUsage, ended = performance.now()): Timed {
  const used = process.cpuUsage(cpu);
  return {
    records,
    perSecond: records / ((ended - started) / 1000),
    cpuMicros: (used.user + used.system) / records,
  };
}

interface Measured extends Timed {
  readonly p50: number;
  readonly p99: number;
  readonly missing: number;
}

/**
 * Puts `plan` on the subscriptions stream, either as fast as the producer can (burst: throughput, with
 * latency under saturation) or at `ratePerSecond` in small chunks (latency below saturation).
 */
async function endToEnd(
  world: EventWorld,
  watch: UsersStreamWatch,
  plan: readonly Planned[],
  ratePerSecond?: number,
): Promise<Measured> {
  const { streams } = world.channels;
  const stream = world.channels.streamNames.subscriptions as string;
  const size = ratePerSecond ? PACED_CHUNK : PUT_BATCH;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let tick = 0;
  for (const batch of chunks(plan, size)) {
    if (ratePerSecond) {
      const due = started + ((tick++ * PACED_CHUNK) / ratePerSecond) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
    const at = performance.now();
    for (const planned of batch) watch.expect(planned, at);
    await streams.put(
      stream,
      batch.map((p) => p.input),
    );
  }
  const { latencies, lastAt, missing } = await watch.collect();
  const measured = timed(latencies.length, started, cpu, lastAt);
  await watch.settle();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    ...measured,
    records: plan.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    missing,
  };
}

/**
 * The worker called directly with prepared batches of PUT_BATCH Kinesis records: µs per record. With
 * `oneTransaction`, each call in one SQLite transaction, as the local subscriptions mapping runs it.
 */
async function handlerOnly(
  world: EventWorld,
  plan: readonly Planned[],
  oneTransaction = false,
): Promise<Timed> {
  const handler = subscriptionsWorker(world.workers.subscriptions);
  const stream = world.channels.streamNames.subscriptions as string;
  let seq = 1;
  const batches = chunks(plan, PUT_BATCH).map((batch) =>
    batch.map((p) =>
      toLambdaRecord(stream, {
        seq: seq++,
        shard: 0,
        partition_key: p.input.partitionKey,
        data: p.input.data,
        arrived_at: Date.now(),
      }),
    ),
  );
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const records of batches) {
    const invoke = () =>
      handler(records, lambdaContext("user-service-subscriptions", world.config.ROSTER_WORKER_TIMEOUT_MS));
    await (oneTransaction ? inOneTransaction(world.sqlite, "bench-handler", invoke) : invoke());
  }
  return timed(plan.length, started, cpu);
}

/** How many of `ids` have a SUB_PAUSED membership now: the handler really paused them. */
async function countPaused(world: EventWorld, ids: readonly string[]): Promise<number> {
  let paused = 0;
  for (const id of ids) {
    const current = await world.services.lifecycle.memberships.current(id);
    if (current?.membership_status === "SUB_PAUSED") paused++;
  }
  return paused;
}

const dataDir = mkdtempSync(join(tmpdir(), "roster-bench-events-"));
chmodSync(dataDir, 0o755);
const world = await openEventWorld(dataDir, process.env.LOG_LEVEL);
try {
  const begun = performance.now();
  const half = Math.floor(RECORDS / 2);
  const users = {
    warm: newUsers(WARM_UP, "warm"),
    skipped: newUsers(RECORDS, "skip"),
    mixed: newUsers(half, "mix"),
    pacedSkipped: newUsers(half, "pskip"),
    pacedMixed: newUsers(Math.floor(half / 2), "pmix"),
    handlerWarm: newUsers(WARM_UP, "hwarm"),
    handler: newUsers(RECORDS, "handler"),
    batched: newUsers(RECORDS, "batched"),
  };
  const plans = {
    warm: skippedThenResumed(users.warm),
    skipped: skippedOnly(users.skipped),
    mixed: skippedThenResumed(users.mixed),
    pacedSkipped: skippedOnly(users.pacedSkipped),
    pacedMixed: skippedThenResumed(users.pacedMixed),
  };

  // (1) Baseline: the same records appended raw to a stream that no mapping reads, same SQLite file.
  const raw = new SqliteStreams(world.sqlite, {
    streams: [{ name: "bench-raw", shards: 2, retentionHours: 168 }],
  });
  await rawAppends(raw, "bench-raw", [...plans.warm, ...plans.warm]);
  const rawAppended = await rawAppends(raw, "bench-raw", [...plans.skipped, ...plans.mixed]);

  // (2) End to end, with the four mappings running as in `npm start`.
  world.runtime.start();
  const watch = new UsersStreamWatch(world.channels.streams, world.channels.streamNames.users as string);
  const seededAt = performance.now();
  await seedPausingMembers(world, Object.values(users).flat());
  await watch.settle(); // the feeder puts the seeded users' events on the users stream first
  const seedSeconds = (performance.now() - seededAt) / 1000;
  const warm = await endToEnd(world, watch, plans.warm);
  const skipped = await endToEnd(world, watch, plans.skipped);
  const mixed = await endToEnd(world, watch, plans.mixed);
  const pacedSkipped = await endToEnd(world, watch, plans.pacedSkipped, skipped.perSecond / 2);
  const pacedMixed = await endToEnd(world, watch, plans.pacedMixed, mixed.perSecond / 2);
  await world.runtime.stop();

  // (3) The worker alone: skip then resume the same users (its idempotency records and store writes).
  await handlerOnly(world, skippedOnly(users.handlerWarm));
  await handlerOnly(
    world,
    users.handlerWarm.map((id) => recordOf("resume", id)),
  );
  const handlerSkipped = await handlerOnly(world, skippedOnly(users.handler));
  const paused = await countPaused(world, users.handler);
  const handlerResumed = await handlerOnly(
    world,
    users.handler.map((id) => recordOf("resume", id)),
  );
  const batchedSkipped = await handlerOnly(world, skippedOnly(users.batched), true);
  const batchedPaused = await countPaused(world, users.batched);
  const batchedResumed = await handlerOnly(
    world,
    users.batched.map((id) => recordOf("resume", id)),
    true,
  );

  const row = (scenario: string, m: Timed, latency?: Measured): Row => ({
    scenario,
    records: m.records,
    "events/s": Math.round(m.perSecond),
    "p50 ms": latency ? latency.p50.toFixed(1) : "",
    "p99 ms": latency ? latency.p99.toFixed(1) : "",
    "wall µs/record": (1e6 / m.perSecond).toFixed(0),
    "cpu µs/record": m.cpuMicros.toFixed(0),
    "ratio to raw appends": (m.perSecond / rawAppended.perSecond).toFixed(3),
    ...(latency?.missing ? { missing: latency.missing } : {}),
  });
  const e2e = (scenario: string, m: Measured) => row(scenario, m, m);
  const rows: Row[] = [
    row(`raw appends (SqliteStreams.put, ${PUT_BATCH}/put)`, rawAppended),
    e2e("e2e burst, 100% pause-skipped", skipped),
    e2e("e2e burst, 50/50 skipped then resume", mixed),
    e2e("e2e paced at 1/2 burst, 100% pause-skipped", pacedSkipped),
    e2e("e2e paced at 1/2 burst, 50/50 skipped then resume", pacedMixed),
    row("handler only, pause-skipped", handlerSkipped),
    row("handler only, pause-resume", handlerResumed),
    row("handler only, one transaction a batch, pause-skipped", batchedSkipped),
    row("handler only, one transaction a batch, pause-resume", batchedResumed),
  ];
  const deadLettered = world.channels.deadLetters.list().length;
  const resumes = [plans.warm, plans.mixed, plans.pacedMixed]
    .flat()
    .filter((p) => p.kind === "resume").length;
  const handled = users.handlerWarm.length + users.handler.length + users.batched.length;
  const unpaused = world.metrics.counts()[UNPAUSED_METRIC] ?? 0;
  process.stdout.write(
    `${process.version}, data in ${dataDir}, LOG_LEVEL ${world.config.LOG_LEVEL}, ` +
      `${world.config.ROSTER_STREAM_SHARDS} shards, ` +
      `${Object.values(users).flat().length} users seeded in ${seedSeconds.toFixed(1)} s, warm-up ` +
      `${warm.records} records e2e; latency = put call -> MEMBERSHIP event on the users stream\n`,
  );
  console.table(rows);
  process.stdout.write(
    "paced rows: events/s is the offered rate; handler rows: the worker called directly with batches of " +
      `${PUT_BATCH} (no mapping, no stream, no feeder; "one transaction a batch": as the local mapping calls it)\n` +
      `checks: ${paused + batchedPaused} of ${users.handler.length + users.batched.length} handler users ` +
      `SUB_PAUSED after pause-skipped, ${unpaused} of ${resumes + handled} resumes counted, ` +
      `${deadLettered} dead letters; total ${((performance.now() - begun) / 1000).toFixed(1)} s\n`,
  );
} finally {
  await world.runtime.stop();
  world.sqlite.close();
  rmSync(dataDir, { recursive: true, force: true });
}
