import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { ArrayServiceHttpClient } from "../../../src/users/adapters/http/array-service.http.ts";
import { SandboxArrayService } from "../../../src/users/adapters/sandbox/array-service.sandbox.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { type Answer, LoopbackServer, type Received } from "../../support/loopback-server.ts";
import { recordingLogger } from "../../support/recording-logger.ts";
import { arrayServiceContract } from "./array-service.contract.ts";

const ARRAY_API_KEY = "roster-test-array-key-0001";
/** A base path, as an API behind a gateway or a versioned host may have. */
const BASE_PATH = "/array";

/**
 * Array's side of the assumed contract, for tests of the production client: it checks the API key
 * (401) and the idempotency key (400), then serves the sandbox's rules: 202 when it schedules, 200
 * when it already had, 503 for `array-down`, and for `array-fail` a 422 (an answer outside the contract,
 * which the client reads as a failure; a 5xx would read as "not now").
 */
async function startFakeArray() {
  const clock = new ManualClock(TEST_NOW);
  const sandbox = new SandboxArrayService({
    store: new SqliteTableStore(openSqlite(":memory:"), "fake", clock),
    clock,
  });
  const server = await LoopbackServer.start((request) => serve(sandbox, request));
  return { server, sandbox, url: `${server.origin}${BASE_PATH}` };
}

async function serve(sandbox: SandboxArrayService, request: Received): Promise<Answer> {
  if (request.headers["x-array-api-key"] !== ARRAY_API_KEY)
    return { status: 401, body: { error: "unauthorized" } };
  const match = /^\/array\/v2\/users\/([^/]+)\/deletion$/.exec(request.url);
  if (!match) return { status: 404, body: { error: "no such route" } };
  if (request.method !== "POST") return { status: 405, body: { error: "method not allowed" } };
  const key = request.headers["idempotency-key"];
  if (typeof key !== "string" || key.length === 0) return { status: 400, body: { error: "idempotency-key" } };
  const userId = decodeURIComponent(match[1] as string);
  const already = await sandbox.scheduled(userId);
  try {
    await sandbox.scheduleCleanup(userId, key);
  } catch (error) {
    if (error instanceof UnavailableError) return { status: 503, body: { error: "maintenance" } };
    if (error instanceof DependencyError) return { status: 422, body: { error: `cannot delete ${userId}` } };
    throw error;
  }
  return already
    ? { status: 200, body: { status: "already_scheduled" } }
    : { status: 202, body: { status: "scheduled" } };
}

type Fake = Awaited<ReturnType<typeof startFakeArray>>;

const clientFor = (
  fake: Fake,
  options: { apiKey?: string; timeoutMs?: number; logger?: ReturnType<typeof recordingLogger> } = {},
) =>
  new ArrayServiceHttpClient({
    baseUrl: fake.url,
    apiKey: options.apiKey ?? ARRAY_API_KEY,
    timeoutMs: options.timeoutMs ?? 5_000,
    logger: (options.logger ?? recordingLogger()).logger,
  });

arrayServiceContract("the HTTP client against a loopback Array", async () => {
  const fake = await startFakeArray();
  return {
    service: clientFor(fake),
    scheduled: (userId) => fake.sandbox.scheduled(userId),
    close: () => fake.server.close(),
  };
});

describe("the Array HTTP client", () => {
  let fake: Fake;

  beforeEach(async () => {
    fake = await startFakeArray();
  });
  afterEach(async () => {
    await fake.server.close();
  });

  it("POSTs the user's deletion under the base URL with the API key and the idempotency key", async () => {
    await clientFor(fake).scheduleCleanup("auth0|ada", "cleanup:auth0|ada:1");
    const [request] = fake.server.received;
    expect(`${request?.method} ${request?.url}`).toBe("POST /array/v2/users/auth0%7Cada/deletion");
    expect(request?.headers).toMatchObject({
      "x-array-api-key": ARRAY_API_KEY,
      "idempotency-key": "cleanup:auth0|ada:1",
    });
    expect(request?.body).toBe("");
  });

  it("resolves when Array answers 200 (already scheduled) or 404 (a user it does not know)", async () => {
    const client = clientFor(fake);
    await client.scheduleCleanup("auth0|ada", "k1");
    await client.scheduleCleanup("auth0|ada", "k1");
    fake.server.answerEveryRequestWith({ status: 404, body: { error: "user not found" } });
    await client.scheduleCleanup("auth0|nobody", "k2");
    expect(fake.server.received).toHaveLength(3);
  });

  it("maps 429 and 5xx to UnavailableError and other statuses to DependencyError, repeating no body or key", async () => {
    const log = recordingLogger();
    const client = clientFor(fake, { logger: log });
    const secret = "internal stack trace: db host 10.1.2.3";
    for (const [status, error] of [
      [429, UnavailableError],
      [500, UnavailableError],
      [502, UnavailableError],
      [503, UnavailableError],
      [504, UnavailableError],
      [400, DependencyError],
      [403, DependencyError],
      [409, DependencyError],
      [422, DependencyError],
    ] as const) {
      fake.server.answerEveryRequestWith({ status, body: { message: secret } });
      const call = client.scheduleCleanup("auth0|ada", "k");
      await expect(call).rejects.toThrow(error);
      await expect(call).rejects.toThrow(`HTTP ${status}`);
      await expect(call).rejects.not.toThrow(secret);
    }
    expect(log.text()).toContain("scheduleCleanup");
    expect(log.text()).not.toContain(secret);
    expect(log.text()).not.toContain(ARRAY_API_KEY);
  });

  it("is refused with a wrong API key: a DependencyError (502)", async () => {
    const call = clientFor(fake, { apiKey: "wrong" }).scheduleCleanup("auth0|ada", "k");
    await expect(call).rejects.toThrow(DependencyError);
    await expect(call).rejects.not.toThrow("wrong");
  });

  it("gives up on an Array that never answers with an UnavailableError (503)", async () => {
    fake.server.neverAnswer();
    const log = recordingLogger();
    const call = clientFor(fake, { timeoutMs: 200, logger: log }).scheduleCleanup("auth0|ada", "k");
    await expect(call).rejects.toThrow(UnavailableError);
    await expect(call).rejects.toThrow("did not answer within 200 ms");
    expect(log.text()).toContain("timed out");
    expect(log.text()).not.toContain(ARRAY_API_KEY);
  });

  it("answers UnavailableError when nothing listens at the URL", async () => {
    await fake.server.close();
    await expect(clientFor(fake).scheduleCleanup("auth0|ada", "k")).rejects.toThrow(UnavailableError);
  });
});
