import { afterEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { MalformedFeatureError } from "../../../src/users/adapters/growthbook/membership-catalog.features.ts";
import { GrowthbookMembershipCatalog } from "../../../src/users/adapters/growthbook/membership-catalog.growthbook.ts";
import { LoopbackServer } from "../../support/loopback-server.ts";
import { recordingLogger } from "../../support/recording-logger.ts";
import { defaultFeaturesPayload, membershipCatalogContract } from "./membership-catalog.contract.ts";

const CLIENT_KEY = "sdk-roster-test";

/** A Growthbook API that serves a payload for the test client key, as `GET /api/features/<clientKey>`. */
async function startFakeGrowthbook(payload: () => unknown = defaultFeaturesPayload) {
  return LoopbackServer.start(async (request) =>
    request.method === "GET" && request.url === `/api/features/${CLIENT_KEY}`
      ? { status: 200, body: payload() }
      : { status: 404, body: { status: 404, message: "Invalid API key" } },
  );
}

const opened: { close(): void | Promise<void> }[] = [];
afterEach(async () => {
  for (const resource of opened.splice(0)) await resource.close();
});

async function connect(apiHost: string, options: { refreshIntervalMs?: number; timeoutMs?: number } = {}) {
  const log = recordingLogger();
  const catalog = await GrowthbookMembershipCatalog.connect({
    apiHost,
    clientKey: CLIENT_KEY,
    timeoutMs: options.timeoutMs ?? 2_000,
    refreshIntervalMs: options.refreshIntervalMs ?? 60_000,
    logger: log.logger,
  });
  opened.push(catalog);
  return { catalog, log };
}

membershipCatalogContract("the Growthbook SDK against a loopback Growthbook API", async () => {
  const fake = await startFakeGrowthbook();
  const { catalog } = await connect(fake.origin);
  return {
    catalog,
    close: async () => {
      catalog.close();
      await fake.close();
    },
  };
});

describe("the Growthbook membership catalogue on Growthbook's API", () => {
  it("reads the features with the client key from /api/features/<clientKey>", async () => {
    const fake = await startFakeGrowthbook();
    opened.push(fake);
    const { catalog } = await connect(`${fake.origin}/`);
    expect(await catalog.pauseMaxMonths()).toBe(3);
    expect(fake.received.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /api/features/${CLIENT_KEY}`]);
  });

  it("refuses a malformed catalogue at start, naming the feature", async () => {
    const payload = defaultFeaturesPayload();
    payload.features["membership-pause-max-months"] = { defaultValue: "three" };
    const fake = await startFakeGrowthbook(() => payload);
    opened.push(fake);
    const failure = connect(fake.origin);
    await expect(failure).rejects.toThrow(MalformedFeatureError);
    await expect(failure).rejects.toThrow(/"membership-pause-max-months"/);
  });

  it("starts when Growthbook is down, answers 503 until it is up, then loads on the next read", async () => {
    const fake = await startFakeGrowthbook();
    opened.push(fake);
    fake.answerEveryRequestWith({ status: 503, body: "down" });
    const { catalog, log } = await connect(fake.origin);
    await expect(catalog.tiers()).rejects.toThrow(UnavailableError);
    await expect(catalog.isOn("EnableChargebackBan", { userId: "auth0|ada" })).rejects.toThrow(
      /Growthbook could not be reached/,
    );
    expect(log.text()).toMatch(/could not be loaded when connecting/);
    fake.behave();
    expect(await catalog.pauseMaxMonths()).toBe(3);
  });

  it("answers 503 when nothing listens at the API host, and within its timeout when it never answers", async () => {
    const gone = await LoopbackServer.start(async () => ({ status: 200 }));
    const origin = gone.origin;
    await gone.close();
    const { catalog } = await connect(origin);
    await expect(catalog.tiers()).rejects.toThrow(UnavailableError);

    const silent = await startFakeGrowthbook();
    opened.push(silent);
    silent.neverAnswer();
    const started = Date.now();
    const { catalog: waiting } = await connect(silent.origin, { timeoutMs: 200 });
    await expect(waiting.pauseMaxMonths()).rejects.toThrow(UnavailableError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("answers 502 naming the feature when the first payload to arrive is malformed", async () => {
    const fake = await startFakeGrowthbook(() => ({
      features: { "membership-tiers": { defaultValue: [] } },
    }));
    opened.push(fake);
    fake.answerEveryRequestWith({ status: 503 });
    const { catalog } = await connect(fake.origin);
    fake.behave();
    const failure = catalog.tiers();
    await expect(failure).rejects.toThrow(DependencyError);
    await expect(failure).rejects.toThrow(/"membership-tiers"/);
  });

  it("refreshes in the background, keeping the last valid catalogue when a malformed one arrives", async () => {
    let payload: unknown = defaultFeaturesPayload();
    const fake = await startFakeGrowthbook(() => payload);
    opened.push(fake);
    const { catalog, log } = await connect(fake.origin, { refreshIntervalMs: 20 });
    expect(await catalog.pauseMaxMonths()).toBe(3);

    const malformed = defaultFeaturesPayload();
    malformed.features["membership-pause-max-months"] = { defaultValue: 99 };
    payload = malformed;
    const asked = fake.received.length;
    await expect.poll(() => fake.received.length, { timeout: 5_000 }).toBeGreaterThan(asked + 1);
    expect(await catalog.pauseMaxMonths()).toBe(3);
    expect(log.text()).toMatch(/malformed catalogue; keeping the last valid one/);

    const changed = defaultFeaturesPayload();
    changed.features["membership-pause-max-months"] = { defaultValue: 6 };
    payload = changed;
    await expect.poll(() => catalog.pauseMaxMonths(), { timeout: 5_000 }).toBe(6);
  });
});
