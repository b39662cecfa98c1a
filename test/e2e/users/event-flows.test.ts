import { type ChildProcess, execFile, spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardOf } from "../../../src/platform/adapters/embedded/sqlite-streams.ts";
import { loadLocalConfig } from "../../../src/platform/config/local.config.ts";
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
 * The "Done when" for the local event runtime, as a person runs it: `npm start`, the API over
 * HTTP, and `npm run events -- put | tail | segment | dlq` on the same data folder. Every wait polls with
 * a deadline; nothing asserts how long anything took.
 */

const run = promisify(execFile);
const { dataDir, env } = freshLocalEnv("roster-e2e-events-", {
  // A poison record runs through its retries into the dead letters in well under a second.
  ROSTER_STREAM_MAX_RETRIES: "2",
  ROSTER_RETRY_BACKOFF_MS: "50",
});
const config = loadLocalConfig(env);
const SUBSCRIPTIONS_MAPPING = "user-service-subscriptions";

let local: LocalProcess | undefined;
let operator = "";
/** Followers (`tail` without --no-follow) still running, killed in afterAll should a test fail. */
const followers = new Set<ChildProcess>();

const api = localApi(() => local);
const events = eventsCli(env);

async function read(url: string): Promise<Json> {
  const res = await api("GET", url, operator);
  expect(res.status, `GET ${url}`).toBe(200);
  return res.json();
}

/** Polls `probe` until it answers something other than undefined; fails naming `what` at the deadline. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const answer = await settled(probe, (found) => found !== undefined, timeoutMs, 150);
  if (answer !== undefined) return answer;
  throw new Error(`gave up waiting for ${what}; the process printed:\n${local?.output().slice(-4_000)}`);
}

/** Signs `user` up, attaches a test card and activates plus over HTTP with their own token; optionally requests a two-month pause. */
async function member(user: string, options: { readonly pause?: boolean } = {}): Promise<void> {
  const token = await localToken(env, "--user", user, "--mfa");
  const created = await api("POST", "/users/create", token, { user_email: emailOf(user) });
  expect(created.status, `sign-up of ${user}`).toBe(201);
  await attachTestCard(api, user, token);
  const activated = await api("POST", `${userPath(user)}/user/activate`, token, { membership_tier: "plus" });
  expect(activated.status, `activation of ${user}`).toBe(200);
  if (!options.pause) return;
  const paused = await api("POST", `${userPath(user)}/membership/pause`, token, {
    membership_pause_duration_months: 2,
  });
  expect(paused.status, `pause of ${user}`).toBe(200);
}

/** Midnight UTC two calendar months after the day `date` (YYYY-MM-DD) starts, as RFC 3339. */
function plusTwoMonths(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month + 2, 0)).getUTCDate();
  return new Date(Date.UTC(year, month + 1, Math.min(day, lastDay))).toISOString();
}

/** The user's membership timeline, newest first. */
async function timeline(user: string): Promise<Json[]> {
  return (await read(`${userPath(user)}/memberships?limit=100`)).items;
}

/** Waits until the newest membership record of `user` has `eventType`, and answers it. */
function newestRecord(user: string, eventType: string): Promise<Json> {
  return eventually(`a ${eventType} record for ${user}`, async () => {
    const [newest] = await timeline(user);
    return newest?.membership_event_type === eventType ? newest : undefined;
  });
}

/** A user id with `prefix` whose records go to `shard` of a stream (partition keys map onto shards by MD5). */
function userOnShard(prefix: string, shard: number): string {
  for (let i = 0; ; i++) {
    const user = `${prefix}-${i}`;
    if (shardOf(user, config.ROSTER_STREAM_SHARDS) === shard) return user;
  }
}

/**
 * `npm run events -- tail <stream>` following the stream: reads its lines until `done` says the lines
 * seen so far are enough, then kills it. Answers those lines.
 */
async function follow(stream: string, done: (seen: readonly Json[]) => boolean): Promise<Json[]> {
  // Its own process group, so that killing it stops npm and the node it started.
  const tail = spawn("npm", ["run", "-s", "events", "--", "tail", stream], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  followers.add(tail);
  const seen: Json[] = [];
  let errors = "";
  tail.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => tail.once("exit", () => resolve()));
  try {
    const finished = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tail ${stream} never showed it: ${errors}`)), 30_000);
      createInterface({ input: tail.stdout as NodeJS.ReadableStream }).on("line", (line) => {
        seen.push(JSON.parse(line));
        if (done(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`tail ${stream} exited: ${errors}`)));
    });
    await finished;
    return seen;
  } finally {
    stopGroup(tail);
    await exited;
    followers.delete(tail);
  }
}

function stopGroup(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    process.kill(-child.pid, "SIGTERM");
  }
}

describe("the local event runtime, as the issue says to try it", () => {
  beforeAll(async () => {
    local = await startLocalProcess(env);
    operator = await localToken(env, "--operator", "mx-events");
  });

  afterAll(async () => {
    for (const tail of followers) stopGroup(tail);
    await stopLocalProcess(local);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("bans a member on a chargeback, shows the ban on the users stream, and spares a user the flag excludes", async () => {
    // Arrange: two members whose payments land on the same shard, so the spared user's record is
    // handled before the banned one's (a shard is delivered in order).
    const banned = userOnShard("auth0|e2e-chargeback", 0);
    const spared = userOnShard("auth0|e2e-no-chargeback-ban", 0);
    await Promise.all([member(banned), member(spared)]);

    // Act
    const [sparedPut] = await events(
      "put",
      "payments",
      "examples/events/payments-charged-back.json",
      "--user",
      spared,
    );
    const [bannedPut] = await events(
      "put",
      "payments",
      "examples/events/payments-charged-back.json",
      "--user",
      banned,
    );

    // Assert
    expect(bannedPut).toMatchObject({ stream: "local-payments", partitionKey: banned });
    expect(sparedPut).toMatchObject({ stream: "local-payments", partitionKey: spared });
    expect(sparedPut.shardId).toBe(bannedPut.shardId);
    expect(bannedPut.event_id).not.toBe(sparedPut.event_id);

    const user = await eventually(`${banned} BANNED`, async () => {
      const current = await read(`${userPath(banned)}/user`);
      return current.user_status === "BANNED" ? current : undefined;
    });
    expect(user.user_status_reason).toBe("user banned from user-service for returned payment");
    expect((await timeline(banned))[0]).toMatchObject({
      membership_status: "CANCELLED",
      membership_event_type: "BANNED",
    });

    const isBan = (line: Json) =>
      line.partitionKey === banned &&
      line.data.user_id === banned &&
      line.data.db_type === "MEMBERSHIP" &&
      line.data.event_type === "BANNED";
    const isStatusChange = (line: Json) =>
      line.data.user_id === banned &&
      line.data.db_type === "USER" &&
      line.data.event_type === "USER_STATUS_CHANGED" &&
      line.data.payload.user_status === "BANNED";
    const lines = await follow("users", (seen) => seen.some(isBan) && seen.some(isStatusChange));
    expect(lines.find(isBan)?.data.payload).toMatchObject({
      membership_user_id: banned,
      membership_status: "CANCELLED",
      membership_event_type: "BANNED",
    });

    // The spared user's chargeback came first on the shard, so it has been handled: no ban.
    expect((await read(`${userPath(spared)}/user`)).user_status).toBe("ACTIVE");
    expect((await timeline(spared)).map((m: Json) => m.membership_event_type)).toEqual(["ACTIVATE"]);
  }, 120_000);

  it("pauses a member on pause-skipped and resumes them on pause-resume: tag, Segment call and metric", async () => {
    // Arrange
    const user = "auth0|e2e-pause-flow";
    await member(user, { pause: true });
    expect((await read(`${userPath(user)}/user`)).tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({
      tag_value: "SUB_PENDING_PAUSE",
      tag_archived: false,
    });

    // Act 1: the Subscription Service skipped a collection.
    const [skippedPut] = await events(
      "put",
      "subscriptions",
      "examples/events/subscriptions-pause-skipped.json",
      "--user",
      user,
    );

    // Assert 1
    expect(skippedPut).toMatchObject({ stream: "local-subscriptions", partitionKey: user });
    const paused = await newestRecord(user, "PAUSE_COLLECTION_SKIPPED");
    expect(paused).toMatchObject({
      membership_status: "SUB_PAUSED",
      membership_event_source: "service:subscriptions-worker",
    });
    expect((await read(`${userPath(user)}/user`)).tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({
      tag_value: "SUB_PAUSED",
      tag_archived: false,
    });

    // Act 2: the pause ended (the CLI dates the example from the user's pause: its first skipped
    // payment plus its two months).
    await events("put", "subscriptions", "examples/events/subscriptions-pause-resume.json", "--user", user);

    // Assert 2
    const pauseEnd = plusTwoMonths(String(paused.membership_pause_date));
    const resumed = await newestRecord(user, "SUB_RESUMED");
    expect(resumed).toMatchObject({
      membership_status: "",
      membership_tier: "plus",
      membership_unpause_date: pauseEnd,
    });
    expect(Date.parse(resumed.membership_unpause_date)).toBeGreaterThan(
      Date.parse(paused.membership_pause_date),
    );
    expect(resumed.membership_pause_date).toBeUndefined();
    expect((await timeline(user)).map((m: Json) => [m.membership_event_type, m.membership_status])).toEqual([
      ["SUB_RESUMED", ""],
      ["PAUSE_COLLECTION_SKIPPED", "SUB_PAUSED"],
      ["SUB_PAUSED", "SUB_PENDING_PAUSE"],
      ["ACTIVATE", "SUB_ACTIVE"],
    ]);
    expect((await read(`${userPath(user)}/user`)).tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({
      tag_value: "SUB_RESUMED",
      tag_archived: true,
    });

    // Segment is told after the records are written: wait for the call, then check there is one.
    const calls = await eventually("the Segment call", async () => {
      const recorded = await events("segment", "--user", user);
      return recorded.length > 0 ? recorded : undefined;
    });
    expect(calls).toEqual([
      expect.objectContaining({
        userId: user,
        event: "user-membership-unpause",
        properties: { email: emailOf(user), unpause_date: pauseEnd },
      }),
    ]);

    const metric = await eventually("the EMF metric on stdout", async () =>
      (local?.output() ?? "")
        .split("\n")
        .find((line) => line.startsWith("{") && line.includes('"user.membership.unpaused":1')),
    );
    expect(JSON.parse(metric)).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Metrics: [{ Name: "user.membership.unpaused", Unit: "Count" }] }] },
      "user.membership.unpaused": 1,
    });
  }, 120_000);

  it("dead-letters a poison subscription record after its retries, lets the next record through, and redrives it", async () => {
    // Arrange: a paused member whose records share the poison record's shard (`put --raw` keys a record
    // that names no user "unknown"), so the good record waits behind the poison one.
    const user = userOnShard("auth0|e2e-behind-poison", shardOf("unknown", config.ROSTER_STREAM_SHARDS));
    await member(user, { pause: true });
    const poisonFile = join(dataDir, "poison.json");
    writeFileSync(poisonFile, JSON.stringify({ event_id: "x", nonsense: true }));
    const refused = await run("npm", ["run", "-s", "events", "--", "put", "subscriptions", poisonFile], {
      env,
    }).catch((error: { code?: number; stderr?: string }) => error);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining("put it anyway with --raw") });

    // Act
    const [poison] = await events("put", "subscriptions", poisonFile, "--raw");
    const [good] = await events(
      "put",
      "subscriptions",
      "examples/events/subscriptions-pause-skipped.json",
      "--user",
      user,
    );

    // Assert: the good record takes effect; the poison one is given up after 1 + 2 retries.
    expect(good.shardId).toBe(poison.shardId);
    expect(await newestRecord(user, "PAUSE_COLLECTION_SKIPPED")).toMatchObject({
      membership_status: "SUB_PAUSED",
    });
    const poisonLetter = async (): Promise<Json | undefined> =>
      (await events("dlq", "list")).find(
        (entry) =>
          entry.kind === "stream" &&
          entry.mapping === SUBSCRIPTIONS_MAPPING &&
          entry.sequence === poison.sequenceNumber,
      );
    const letter = await eventually("the poison record in the dead letters", poisonLetter);
    expect(letter).toMatchObject({
      source: "local-subscriptions",
      shard: poison.shardId,
      reason: "RetryAttemptsExhausted",
      attempts: 3,
      redriveRequested: false,
    });
    expect(letter.error).toContain("subscription records failed");

    // Act: redrive the mapping's dead letters.
    const [redrive] = await events("dlq", "redrive", SUBSCRIPTIONS_MAPPING);

    // Assert: marked, delivered once more, failed again, back in the dead letters with one attempt more.
    expect(redrive).toEqual({ redriven: 1 });
    const again = await eventually("the redriven poison record to fail again", async () => {
      const entry = await poisonLetter();
      return entry && entry.attempts > letter.attempts && !entry.redriveRequested ? entry : undefined;
    });
    expect(again).toMatchObject({
      id: letter.id,
      reason: "RetryAttemptsExhausted",
      attempts: 4,
      redriveRequested: false,
    });
    expect(
      (await timeline(user)).filter((m: Json) => m.membership_event_type === "PAUSE_COLLECTION_SKIPPED"),
    ).toHaveLength(1);
  }, 120_000);
});
