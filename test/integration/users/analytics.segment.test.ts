import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { SegmentAnalytics } from "../../../src/users/adapters/segment/analytics.segment.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { LoopbackServer } from "../../support/loopback-server.ts";

const WRITE_KEY = "roster-test-write-key";

const unpaused = {
  messageId: "evt-0001",
  userId: "auth0|ada",
  event: "user-membership-unpause",
  properties: { email: "ada@example.com", unpause_date: "2026-12-01", charged: true },
  timestamp: TEST_NOW,
};

interface BatchBody {
  readonly writeKey: string;
  readonly batch: Record<string, unknown>[];
}

describe("Segment analytics against a loopback Segment", () => {
  let segment: LoopbackServer;
  let analytics: SegmentAnalytics | undefined;
  const analyticsFor = (maxRetries = 1) => {
    analytics = new SegmentAnalytics({ writeKey: WRITE_KEY, host: segment.origin, maxRetries });
    return analytics;
  };
  const batches = () => segment.received.map((r) => JSON.parse(r.body) as BatchBody);

  beforeEach(async () => {
    segment = await LoopbackServer.start(async () => ({ status: 200, body: { success: true } }));
  });
  afterEach(async () => {
    await analytics?.close();
    await segment.close();
  });

  it("delivers a track call in a batch of its own, with the messageId, user, event and properties", async () => {
    await analyticsFor().track(unpaused);

    expect(segment.received).toHaveLength(1);
    const [request] = segment.received;
    expect(request).toMatchObject({ method: "POST", url: "/v1/batch" });
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${WRITE_KEY}:`).toString("base64")}`);
    const [body] = batches();
    expect(body?.batch).toHaveLength(1);
    expect(body?.batch[0]).toMatchObject({
      type: "track",
      messageId: "evt-0001",
      userId: "auth0|ada",
      event: "user-membership-unpause",
      properties: unpaused.properties,
      timestamp: TEST_NOW,
    });
  });

  it("sends each call at once, so two calls are two deliveries", async () => {
    const client = analyticsFor();
    await client.track(unpaused);
    await client.track({ ...unpaused, messageId: "evt-0002" });
    expect(batches().map((b) => b.batch.map((m) => m.messageId))).toEqual([["evt-0001"], ["evt-0002"]]);
  });

  it("rejects with UnavailableError when Segment keeps answering 5xx after its retries, without the properties", async () => {
    segment.answerEveryRequestWith({ status: 503, body: { message: "try later" } });

    const tracking = analyticsFor(1).track(unpaused);

    await expect(tracking).rejects.toBeInstanceOf(UnavailableError);
    await expect(tracking).rejects.toThrow(
      "Segment did not take the event user-membership-unpause (HTTP 503)",
    );
    const message = ((await tracking.catch((e: unknown) => e)) as Error).message;
    expect(message).not.toContain("ada@example.com");
    expect(segment.received).toHaveLength(2);
  });

  it("rejects at once when Segment refuses the batch as malformed (400)", async () => {
    segment.answerEveryRequestWith({ status: 400, body: { message: "bad" } });

    await expect(analyticsFor(3).track(unpaused)).rejects.toThrow("(HTTP 400)");
    expect(segment.received).toHaveLength(1);
  });

  it("rejects with UnavailableError when nothing answers at the host", async () => {
    const gone = await LoopbackServer.start(async () => ({ status: 200 }));
    const host = gone.origin;
    await gone.close();
    analytics = new SegmentAnalytics({ writeKey: WRITE_KEY, host, maxRetries: 0 });

    await expect(analytics.track(unpaused)).rejects.toBeInstanceOf(UnavailableError);
  });
});
