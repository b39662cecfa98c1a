import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { afterEach, describe, expect, it } from "vitest";
import {
  EventBridgePublisher,
  EventPublishError,
} from "../../../src/platform/adapters/aws/eventbridge.publisher.ts";
import type { DomainEvent } from "../../../src/platform/events/event-publisher.port.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { type PutEventsEntryOnTheWire, startFakeEventBridge } from "../../fakes/eventbridge.fake.ts";
import { FAKE_AWS_CREDENTIALS, FAKE_REGION } from "../../fakes/transactions-service.fake.ts";

type Fake = Awaited<ReturnType<typeof startFakeEventBridge>>;

const events = (count: number): DomainEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    source: "user-service.api",
    detailType: "UserTagChanged",
    detail: { user_id: `auth0|user-${i}`, tag_name: "is_employee", tag_value: "true" },
    time: new Date(TEST_NOW),
  }));

describe("the EventBridge publisher against a loopback EventBridge", () => {
  let fake: Fake | undefined;
  const pauses: number[] = [];
  const publisherFor = (f: Fake, maxAttempts = 3) =>
    new EventBridgePublisher({
      client: new EventBridgeClient({
        region: FAKE_REGION,
        endpoint: f.server.origin,
        credentials: FAKE_AWS_CREDENTIALS,
        maxAttempts: 1,
      }),
      busName: "user-service.api",
      maxAttempts,
      baseDelayMs: 50,
      sleep: async (ms) => void pauses.push(ms),
    });

  afterEach(async () => {
    await fake?.server.close();
    pauses.length = 0;
  });

  it("sends PutEvents in batches of at most 10, to the configured bus, with the detail as JSON", async () => {
    fake = await startFakeEventBridge();
    await publisherFor(fake).publish(events(23));
    expect(fake.calls.map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(fake.accepted).toHaveLength(23);
    const first = fake.accepted[0] as PutEventsEntryOnTheWire;
    expect(first).toMatchObject({
      EventBusName: "user-service.api",
      Source: "user-service.api",
      DetailType: "UserTagChanged",
      Time: Date.parse(TEST_NOW) / 1000,
    });
    expect(JSON.parse(first.Detail)).toEqual({
      user_id: "auth0|user-0",
      tag_name: "is_employee",
      tag_value: "true",
    });
  });

  it("re-sends only the entries refused with an ErrorCode, pausing longer each time", async () => {
    const refusals = new Map([
      ["auth0|user-3", 2],
      ["auth0|user-7", 1],
    ]);
    fake = await startFakeEventBridge((entry) => {
      const id = (JSON.parse(entry.Detail) as { user_id: string }).user_id;
      const left = refusals.get(id) ?? 0;
      if (left === 0) return undefined;
      refusals.set(id, left - 1);
      return "ThrottlingException";
    });
    await publisherFor(fake).publish(events(10));
    expect(fake.calls.map((entries) => entries.length)).toEqual([10, 2, 1]);
    expect(fake.accepted).toHaveLength(10);
    expect(pauses).toEqual([50, 100]);
  });

  it("gives up after the bounded attempts with an error naming how many were not published", async () => {
    fake = await startFakeEventBridge((entry) =>
      entry.Detail.includes('user-1"') || entry.Detail.includes('user-12"') ? "InternalFailure" : undefined,
    );
    const publishing = publisherFor(fake, 3).publish(events(15));
    await expect(publishing).rejects.toThrow(EventPublishError);
    await expect(publishing).rejects.toThrow("2 of 15 events were not published (InternalFailure)");
    expect(fake.accepted).toHaveLength(13);
    // Each batch: the first send and two re-sends of its one refused entry.
    expect(fake.calls.map((entries) => entries.length)).toEqual([10, 1, 1, 5, 1, 1]);
  });

  it("publishes nothing and makes no call for no events", async () => {
    fake = await startFakeEventBridge();
    await publisherFor(fake).publish([]);
    expect(fake.server.received).toHaveLength(0);
  });
});
