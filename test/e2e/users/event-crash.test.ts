import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriptionsStream } from "../../../src/contracts/subscriptions/subscriptions.stream.ts";
import { isAlive, readPid } from "../../../src/platform/adapters/embedded/postgres-process.ts";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { loadLocalConfig } from "../../../src/platform/config/local.config.ts";
import type { LocalChannels } from "../../../src/platform/service/service-module.ts";
import { prepareRecord } from "../../../src/runtime/local/events-record.ts";
import { localChannels } from "../../../src/runtime/local/local-channels.ts";
import { SERVICES } from "../../../src/runtime/local/services.ts";
import { eventsCli } from "../../support/events-cli.ts";
import type { Json } from "../../support/json.ts";
import { attachTestCard, emailOf, localApi, userPath } from "../../support/local-api.ts";
import type { LocalProcess } from "../../support/local-process.ts";
import {
  freshLocalEnv,
  localToken,
  startLocalProcess,
  stopLocalProcess,
} from "../../support/local-process.ts";
import { settled } from "../../support/polling.ts";

/**
 * The crash test: N paused members, 2N subscription events on the local stream (a pause-skipped
 * then a pause-resume per member, keyed by the member so their order holds), the process killed with
 * SIGKILL at random points several times and restarted on the same data folder. Afterwards every event
 * took effect exactly once and the outbound `users` stream holds every membership change.
 *
 * Where the kills land: the process handles a put within a few hundred milliseconds, nearly all of it the
 * mapping's idle poll (a put from another process does not wake it), the work itself in a few dozen, so
 * a kill a random 50-700 ms after a put mostly finds the process idle. Instead the events go in rounds,
 * one put of a few members' pairs per round, and each round's kill comes a random 0-40 ms after the
 * round's first write shows in the users table's change log (the embedded DynamoDB stream, table
 * `change_log`): mid-batch, with records done, in progress, written but not marked done, or not begun.
 *
 * The random choices come from a seeded PRNG: set ROSTER_CRASH_SEED to replay them (the seed is printed;
 * the processes' timing is not replayed).
 */

const MEMBERS = 12;
/** Rounds of puts, each ended by a SIGKILL and a restart. */
const KILLS = 4;
const seed = Number(process.env.ROSTER_CRASH_SEED ?? Date.now() % 2 ** 31);

const { dataDir, env } = freshLocalEnv("roster-e2e-crash-", {
  // An invocation killed mid-way leaves in-progress idempotency records; they expire with the Lambda
  // timeout, and the retries (100 ms doubling) outlast it, so a redelivery takes them over.
  ROSTER_WORKER_TIMEOUT_MS: "1500",
  ROSTER_RETRY_BACKOFF_MS: "100",
  ROSTER_STREAM_MAX_RETRIES: "8",
});
const config = loadLocalConfig(env);
const users = Array.from({ length: MEMBERS }, (_, i) => `auth0|e2e-crash-${i}`);

let local: LocalProcess | undefined;
let operator = "";
/** The data folder's SQLite file, opened by the test as the events CLI opens it (WAL: both may write). */
let db: DatabaseSync | undefined;
let channels: LocalChannels;
let countChanges: StatementSync | undefined;

/** mulberry32: a small seeded PRNG, so a failing run's kill points can be replayed. */
function prng(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const api = localApi(() => local);
const events = eventsCli(env);

/** The membership timeline, oldest first. */
async function timeline(user: string): Promise<Json[]> {
  const res = await api("GET", `${userPath(user)}/memberships?limit=100`, operator);
  expect(res.status, `GET ${user}/memberships`).toBe(200);
  return [...((await res.json()) as Json).items].reverse();
}

/** Signs `user` up, attaches a test card, activates plus and requests a two-month pause, over HTTP with their own token. */
async function pausedMember(user: string): Promise<void> {
  const token = await localToken(env, "--user", user, "--mfa");
  const steps: [string, unknown][] = [
    ["/users/create", { user_email: emailOf(user) }],
    [`${userPath(user)}/user/activate`, { membership_tier: "plus" }],
    [`${userPath(user)}/membership/pause`, { membership_pause_duration_months: 2 }],
  ];
  for (const [url, body] of steps) {
    const res = await api("POST", url, token, body);
    expect(res.status, `POST ${url}`).toBeLessThan(300);
    if (url === "/users/create") await attachTestCard(api, user, token);
  }
}

const example = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../../examples/events/${file}`, import.meta.url), "utf8"));
const PAUSE_SKIPPED = example("subscriptions-pause-skipped.json");
const PAUSE_RESUME = example("subscriptions-pause-resume.json");

/**
 * Puts the example records for `members` straight into the subscriptions stream, as `npm run events --
 * put subscriptions <file> --user <id>` prepares them (fresh event ids), in one put: per member
 * pause-skipped, then pause-resume.
 */
async function putSubscriptionEvents(members: readonly string[]): Promise<void> {
  const records = members.flatMap((user) =>
    [PAUSE_SKIPPED, PAUSE_RESUME].map((record) => prepareRecord(subscriptionsStream, record, { user })),
  );
  const put = await channels.streams.put(
    channels.streamNames.subscriptions as string,
    records.map(({ partitionKey, data }) => ({ partitionKey, data })),
  );
  expect(put).toHaveLength(2 * members.length);
}

/** How many changes the users table's change log holds (the feeder's source: one per item written). */
function changeLogLength(): number {
  countChanges ??= (db as DatabaseSync).prepare("SELECT COUNT(*) AS n FROM change_log");
  return (countChanges.get() as { n: number }).n;
}

/** Stops a PostgreSQL a killed process left behind, should the test end before a restart cleared it. */
async function stopOrphanedPostgres(): Promise<void> {
  const pid = await readPid(join(dataDir, "postgres", "postmaster.pid"));
  if (pid !== undefined && isAlive(pid)) process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && pid !== undefined && isAlive(pid); i++) await sleep(100);
}

describe("the local event runtime killed at random points", () => {
  beforeAll(async () => {
    console.log(`event-crash seed ${seed} (replay with ROSTER_CRASH_SEED=${seed})`);
    local = await startLocalProcess(env);
    operator = await localToken(env, "--operator", "mx-crash");
    await Promise.all(users.map(pausedMember));
    db = openSqlite(join(dataDir, "roster.sqlite"));
    channels = localChannels(db, config, SERVICES);
  });

  afterAll(async () => {
    await stopLocalProcess(local);
    db?.close();
    await stopOrphanedPostgres();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("applies every subscription event exactly once and feeds every membership change to the users stream", async () => {
    // Arrange
    for (const user of users) {
      expect((await timeline(user)).map((m) => m.membership_status)).toEqual([
        "SUB_ACTIVE",
        "SUB_PENDING_PAUSE",
      ]);
    }
    const random = prng(seed);

    // Act: rounds of a put and a kill -9 at a random point of its handling, each followed by a restart.
    const perRound = Math.ceil(MEMBERS / KILLS);
    for (let round = 0; round < KILLS; round++) {
      const members = users.slice(round * perRound, (round + 1) * perRound);
      const jitterMs = Math.floor(random() * 41);
      const before = changeLogLength();
      await putSubscriptionEvents(members);
      const deadline = Date.now() + 10_000;
      while (changeLogLength() === before && Date.now() < deadline) await new Promise(setImmediate);
      await sleep(jitterMs);
      const killed = local as LocalProcess;
      killed.child.kill("SIGKILL");
      await killed.exited;
      console.log(
        `round ${round + 1}: ${2 * members.length} events put; SIGKILL ${jitterMs} ms after their first write, ` +
          `${changeLogLength() - before} changes written by then`,
      );
      local = await startLocalProcess(env);
      // The killed process's PostgreSQL outlived it; the restart found it by its lock and owner files.
      expect(local.output()).toContain(`left running by process ${killed.child.pid} which died`);
    }

    // Assert: every member's timeline shows both events' records, each exactly once, in order.
    const timelines = await settled(
      async () =>
        new Map(await Promise.all(users.map(async (user) => [user, await timeline(user)] as const))),
      (all) => [...all.values()].every((records) => records.at(-1)?.membership_event_type === "SUB_RESUMED"),
      60_000,
    );
    for (const [user, records] of timelines) {
      expect(
        records.map((m) => [m.membership_event_type, m.membership_status]),
        `the timeline of ${user} (seed ${seed})`,
      ).toEqual([
        ["ACTIVATE", "SUB_ACTIVE"],
        ["SUB_PAUSED", "SUB_PENDING_PAUSE"],
        ["PAUSE_COLLECTION_SKIPPED", "SUB_PAUSED"],
        ["SUB_RESUMED", ""],
      ]);
    }

    for (const user of users) {
      const res = await api("GET", `${userPath(user)}/user`, operator);
      expect(
        ((await res.json()) as Json).tags.MEMBERSHIP_PAUSE_STATUS,
        `the pause tag of ${user}`,
      ).toMatchObject({
        tag_value: "SUB_RESUMED",
        tag_archived: true,
      });
    }

    // Segment is told after the record is written: a kill in between is made good by the redelivery,
    // and a repeated call (same messageId, the event id) is dropped. One call per member.
    const calls = await settled(
      () => Promise.all(users.map((user) => events("segment", "--user", user))),
      (perUser) => perUser.every((list) => list.length > 0),
      30_000,
    );
    for (const [i, user] of users.entries()) {
      expect(calls[i], `the Segment calls for ${user} (seed ${seed})`).toEqual([
        expect.objectContaining({
          userId: user,
          event: "user-membership-unpause",
          properties: { email: emailOf(user), unpause_date: "2025-06-01T00:00:00.000Z" },
        }),
      ]);
    }

    // The feeder is at least once (a kill between its put and its checkpoint puts a change again), so
    // the users stream may hold a membership change twice; it must not miss one.
    const key = (user: string, start: string) => `${user} ${start}`;
    const expected = [...timelines].flatMap(([user, records]) =>
      records.map((m) => key(user, m.membership_start_date)),
    );
    const fed = await settled(
      async () =>
        (await events("tail", "users", "--no-follow"))
          .map((line) => line.data)
          .filter((data) => data.db_type === "MEMBERSHIP" && users.includes(data.user_id))
          .map((data) => key(data.user_id, data.payload.membership_start_date)),
      (memberships) => expected.every((k) => memberships.includes(k)),
      30_000,
    );
    expect(
      expected.filter((k) => !fed.includes(k)),
      `membership records missing from the users stream (seed ${seed})`,
    ).toEqual([]);
    console.log(`users stream: ${fed.length} membership events for ${expected.length} membership records`);

    expect(await events("dlq", "list")).toEqual([]);

    // Act: a clean stop after the kills.
    const last = local as LocalProcess;
    last.child.kill("SIGINT");

    // Assert
    expect(await last.exited).toBe(0);
    expect(await readPid(join(dataDir, "postgres", "postmaster.pid"))).toBeUndefined();
  }, 150_000);
});
