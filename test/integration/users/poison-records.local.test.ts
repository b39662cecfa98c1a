import { readFileSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentsStream } from "../../../src/contracts/payments/payments.stream.ts";
import { subscriptionsStream } from "../../../src/contracts/subscriptions/subscriptions.stream.ts";
import { paymentsModule } from "../../../src/payments/payments.module.ts";
import { RecordingMetrics } from "../../../src/platform/adapters/embedded/recording.metrics.ts";
import { localConfigSchema } from "../../../src/platform/config/local.config.ts";
import type { LocalPlatform, ServiceModule } from "../../../src/platform/service/service-module.ts";
import { prepareRecord } from "../../../src/runtime/local/events-record.ts";
import {
  EVENT_RUNTIME_METRICS_SERVICE,
  type LocalRuntime,
  startLocalRuntime,
} from "../../../src/runtime/local/start-local-runtime.ts";
import { subscriptionsModule } from "../../../src/subscriptions/subscriptions.module.ts";
import { usersModule } from "../../../src/users/users.module.ts";
import { MAPPINGS } from "../../../src/users/wiring/local/event-sources.local.ts";
import { eventsCli } from "../../support/events-cli.ts";
import type { Json } from "../../support/json.ts";
import { attachTestCard, emailOf, userPath } from "../../support/local-api.ts";
import { freshLocalEnv } from "../../support/local-process.ts";
import { testLogger } from "../../support/log-capture.ts";
import { settled } from "../../support/polling.ts";
import { freshDatabase, type TestDatabase } from "../../support/test-database.ts";

/**
 * Issue 11, "poison records never block a flow", on the local runtime started in this process: a record
 * that keeps failing goes to the dead letters after its retries while the records behind it flow, the
 * dead-letter metric counts it, and `npm run events -- dlq redrive` delivers it once its cause is gone.
 * One shard per stream, so every later record waits behind the poison one until it is given up.
 */

const LATER = 1_000;
const example = (name: string) => JSON.parse(readFileSync(`examples/events/${name}.json`, "utf8"));

const { dataDir, env } = freshLocalEnv("roster-poison-", {
  STAGE: "test",
  LOG_LEVEL: "SILENT",
  ROSTER_STREAM_SHARDS: "1",
  ROSTER_STREAM_MAX_RETRIES: "2",
  ROSTER_RETRY_BACKOFF_MS: "20",
});
const events = eventsCli(env);

/** Users whose ban the User Service API answers 503 for, as while it is down for them. */
const apiDownFor = new Set<string>();

/**
 * The User Service as `npm start` runs it, except that its workers' calls to the API (the payment
 * worker bans through it, as over HTTPS on AWS) fail for the users in `apiDownFor`.
 */
const usersWithFlakyApi: ServiceModule = {
  ...usersModule,
  start: (platform: LocalPlatform) =>
    usersModule.start({
      ...platform,
      fetch: async (request) => {
        const target = decodeURIComponent(new URL(request.url).pathname);
        const down = [...apiDownFor].some((user) => target === `/${user}/user/ban`);
        return down ? new Response("unavailable", { status: 503 }) : platform.fetch(request);
      },
    }),
};

let runtime: LocalRuntime;
let database: TestDatabase<unknown>;
const metrics = new RecordingMetrics();
let operator = "";

async function call(method: string, url: string, token: string, body?: unknown): Promise<Response> {
  const json = body === undefined ? {} : { body: JSON.stringify(body) };
  return runtime.app.request(url, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...json,
  });
}

async function read(url: string): Promise<Json> {
  const res = await call("GET", url, operator);
  expect(res.status, `GET ${url}`).toBe(200);
  return res.json();
}

/** Signs `user` up over the API with their own token; `member` also activates plus, `paused` requests a pause. */
async function signUp(user: string, options: { member?: boolean; paused?: boolean } = {}): Promise<void> {
  const token = await runtime.platform.issuer.issue({ kind: "user", id: user, mfa: true });
  expect((await call("POST", "/users/create", token, { user_email: emailOf(user) })).status).toBe(201);
  if (!options.member && !options.paused) return;
  await attachTestCard(call, user, token);
  const activated = await call("POST", `${userPath(user)}/user/activate`, token, { membership_tier: "plus" });
  expect(activated.status).toBe(200);
  if (!options.paused) return;
  const body = { membership_pause_duration_months: 2 };
  expect((await call("POST", `${userPath(user)}/membership/pause`, token, body)).status).toBe(200);
}

/** Puts records as `npm run events -- put` does (the CLI's own preparation), in chunks of 500. */
async function put(
  contract: typeof paymentsStream,
  records: readonly { file: string; user: string; raw?: (record: Json) => Json }[],
) {
  const stream = runtime.platform.channels.streamNames[contract.name] as string;
  const prepared = records.map(({ file, user, raw }) => {
    const record = example(file);
    if (!raw) return prepareRecord(contract, record, { user });
    const withUser = prepareRecord(contract, record, { user });
    return prepareRecord(contract, raw(JSON.parse(withUser.data)), { keepId: true, raw: true });
  });
  const results = [];
  for (let i = 0; i < prepared.length; i += 500) {
    const chunk = prepared.slice(i, i + 500).map(({ partitionKey, data }) => ({ partitionKey, data }));
    results.push(...(await runtime.platform.channels.streams.put(stream, chunk)));
  }
  return results;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000) {
  const answer = await settled(probe, (found) => found !== undefined, timeoutMs, 100);
  if (answer === undefined) throw new Error(`gave up waiting for ${what}`);
  return answer;
}

const deadLetters = (mapping: string) => runtime.platform.channels.deadLetters.list(mapping);

beforeAll(async () => {
  database = await freshDatabase();
  const config = localConfigSchema.parse({ ...env, DATABASE_URL: database.url });
  runtime = await startLocalRuntime(config, testLogger("test-poison"), {
    services: [usersWithFlakyApi, paymentsModule, subscriptionsModule],
    metrics: (service) => (service === EVENT_RUNTIME_METRICS_SERVICE ? metrics : new RecordingMetrics()),
  });
  operator = await runtime.platform.issuer.issue({ kind: "operator", id: "mx-poison" });
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a poison record on the local runtime", () => {
  it(`is dead-lettered after its retries while ${LATER} later chargebacks of other users ban them, and redriven once its cause is gone`, async () => {
    // Arrange: the poison user's ban keeps failing (the API is down for them); 1,000 others sign up.
    const poison = "auth0|poison-chargeback";
    const others = Array.from({ length: LATER }, (_, i) => `auth0|later-chargeback-${i}`);
    for (const user of [poison, ...others]) await signUp(user);
    apiDownFor.add(poison);

    // Act: the poison chargeback first on the one shard, then everyone else's.
    const [poisonPut] = await put(paymentsStream, [
      { file: "payments-charged-back", user: poison },
      ...others.map((user) => ({ file: "payments-charged-back", user })),
    ]);

    // Assert: every later chargeback took effect...
    const last = others.at(-1) as string;
    await eventually(`${last} banned`, async () =>
      (await read(`${userPath(last)}/user`)).user_status === "BANNED" ? true : undefined,
    );
    const statuses = await Promise.all(
      others.map(async (user) => (await read(`${userPath(user)}/user`)).user_status),
    );
    expect(new Set(statuses)).toEqual(new Set(["BANNED"]));
    // ...and the poison one was given up after 1 + 2 attempts, with its reason, and counted.
    expect((await read(`${userPath(poison)}/user`)).user_status).toBe("PROCESSING");
    expect(deadLetters(MAPPINGS.payment)).toMatchObject([
      {
        source: "test-payments",
        sequence: poisonPut?.sequenceNumber,
        reason: "RetryAttemptsExhausted",
        attempts: 3,
        error: "the handler reported the record failed",
      },
    ]);
    expect(metrics.recorded("roster.deadletter.records")).toEqual([
      {
        name: "roster.deadletter.records",
        value: 1,
        dimensions: { mapping: MAPPINGS.payment, source: "test-payments" },
      },
    ]);

    // Act: the cause is fixed; a person redrives the mapping's dead letters with the events CLI.
    apiDownFor.clear();
    expect(await events("dlq", "redrive", MAPPINGS.payment)).toEqual([{ redriven: 1 }]);

    // Assert: delivered again, it bans the user and leaves the dead letters.
    await eventually(`${poison} banned`, async () =>
      (await read(`${userPath(poison)}/user`)).user_status === "BANNED" ? true : undefined,
    );
    await eventually("the dead letters empty", async () =>
      deadLetters(MAPPINGS.payment).length === 0 ? true : undefined,
    );
  }, 300_000);

  it("does not hold back its user's later records: they take effect in order, and the dead letter waits for a redrive", async () => {
    // Arrange: a member whose pause is pending.
    const user = "auth0|poison-then-pause";
    await signUp(user, { paused: true });

    // Act: a record of the user the worker refuses, then the user's pause-skipped and pause-resume.
    const [poisonPut] = await put(subscriptionsStream, [
      {
        file: "subscriptions-pause-skipped",
        user,
        raw: (record) => ({ ...record, payload: { ...record.payload, updated_at: 42 } }),
      },
      { file: "subscriptions-pause-skipped", user },
      { file: "subscriptions-pause-resume", user },
    ]);

    // Assert: the later records took effect, in their order; the poison one is a dead letter of the user.
    const timeline = await eventually("the pause and the resume", async () => {
      const items: Json[] = (await read(`${userPath(user)}/memberships?limit=10`)).items;
      return items[0]?.membership_event_type === "SUB_RESUMED" ? items : undefined;
    });
    expect(timeline.map((m) => m.membership_event_type)).toEqual([
      "SUB_RESUMED",
      "PAUSE_COLLECTION_SKIPPED",
      "SUB_PAUSED",
      "ACTIVATE",
    ]);
    const [letter] = deadLetters(MAPPINGS.subscriptions);
    expect(letter).toMatchObject({ sequence: poisonPut?.sequenceNumber, reason: "RetryAttemptsExhausted" });
    expect(letter?.record).toMatchObject({ kinesis: { partitionKey: user } });

    // Act: a redrive delivers it alone, on the user's current state.
    expect(await events("dlq", "redrive", MAPPINGS.subscriptions)).toEqual([{ redriven: 1 }]);

    // Assert: still refused, it goes back to the dead letters; the user's later records stand.
    await eventually("the redriven record back in the dead letters", async () => {
      const [again] = deadLetters(MAPPINGS.subscriptions);
      return again && again.attempts > (letter?.attempts ?? 0) && !again.redriveRequested ? again : undefined;
    });
    const after: Json[] = (await read(`${userPath(user)}/memberships?limit=10`)).items;
    expect(after.map((m) => m.membership_event_type)).toEqual(timeline.map((m) => m.membership_event_type));
  }, 120_000);
});
