import { beforeEach, describe, expect, it } from "vitest";
import {
  SUBSCRIPTION_PAUSE_RESUME_EXAMPLE,
  SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE,
} from "../../../../src/contracts/subscriptions/subscriptions.message.ts";
import { lambdaContext } from "../../../../src/platform/adapters/embedded/lambda-context.ts";
import { UnavailableError } from "../../../../src/platform/errors/app.errors.ts";
import type { Analytics, TrackEvent } from "../../../../src/users/ports/analytics.port.ts";
import { buildTestServices } from "../../../../src/users/wiring/test-services.ts";
import {
  SubscriptionBatchFailedError,
  subscriptionsWorker,
} from "../../../../src/users/workers/subscriptions.worker.ts";
import { members, subscriptionsWorkerDeps } from "../../../suites/users/worker-fixtures.ts";
import { kinesisRecord } from "../../../support/lambda-events.ts";
import { useSubscriptionService } from "../../../support/subscription-service.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

const skipped = (userId: string, eventId = `skip-${userId}`) =>
  kinesisRecord(
    {
      ...SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE,
      event_id: eventId,
      payload: { ...SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE.payload, user_id: userId },
    },
    { partitionKey: userId },
  );
const resumed = (userId: string, eventId = `resume-${userId}`) =>
  kinesisRecord(
    {
      ...SUBSCRIPTION_PAUSE_RESUME_EXAMPLE,
      event_id: eventId,
      payload: { ...SUBSCRIPTION_PAUSE_RESUME_EXAMPLE.payload, user_id: userId },
    },
    { partitionKey: userId },
  );

describe("subscriptions worker (seed 004)", () => {
  let s: Services;
  const subscriptions = useSubscriptionService();
  const payments = subscriptions.payments;
  const people = members(() => s, payments);
  const context = () => lambdaContext("test-subscriptions", 30_000);

  beforeEach(async () => {
    s = await buildTestServices({ payments: payments.forUsers, subscriptions: subscriptions.forUsers });
  });

  it("pause-skipped: SUB_PAUSED with PAUSE_COLLECTION_SKIPPED and the tag SUB_PAUSED, once however often delivered", async () => {
    await people.pausing("auth0|ada");
    const { deps } = subscriptionsWorkerDeps(s);
    const handle = subscriptionsWorker(deps);

    await handle([skipped("auth0|ada")], context());
    await handle([skipped("auth0|ada")], context());
    await handle([skipped("auth0|ada", "another-skip-for-the-same-pause")], context());

    const timeline = await people.timeline("auth0|ada");
    expect(timeline.map((r) => [r.membership_status, r.membership_event_type])).toEqual([
      ["SUB_PAUSED", "PAUSE_COLLECTION_SKIPPED"],
      ["SUB_PENDING_PAUSE", "SUB_PAUSED"],
      ["SUB_ACTIVE", "ACTIVATE"],
    ]);
    expect(timeline[0]).toMatchObject({ membership_event_source: "service:subscriptions-worker" });
    const { tags } = await people.user("auth0|ada");
    expect(tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({ tag_value: "SUB_PAUSED", tag_archived: false });
  });

  it("pause-skipped writes nothing for a member who asked for no pause", async () => {
    await people.active("auth0|bo");
    const { deps } = subscriptionsWorkerDeps(s);

    await subscriptionsWorker(deps)([skipped("auth0|bo")], context());

    expect((await people.timeline("auth0|bo")).map((r) => r.membership_event_type)).toEqual(["ACTIVATE"]);
  });

  it("pause-resume: good standing, tier and term carried, pause cleared, tag archived, one Segment call and metric", async () => {
    await people.pausing("auth0|cy");
    const { deps, segment, metrics } = subscriptionsWorkerDeps(s);
    const handle = subscriptionsWorker(deps);
    await handle([skipped("auth0|cy")], context());

    await handle([resumed("auth0|cy")], context());
    await handle([resumed("auth0|cy")], context());

    const [current, paused] = await people.timeline("auth0|cy");
    expect(current).toMatchObject({
      membership_status: "",
      membership_event_type: "SUB_RESUMED",
      membership_tier: paused?.membership_tier,
      membership_term: paused?.membership_term,
      membership_unpause_date: SUBSCRIPTION_PAUSE_RESUME_EXAMPLE.payload.unpause_date,
    });
    expect(current).not.toHaveProperty("membership_pause_date");
    expect(current).not.toHaveProperty("membership_pause_duration_months");
    expect(
      (await people.timeline("auth0|cy")).filter((r) => r.membership_event_type === "SUB_RESUMED"),
    ).toHaveLength(1);
    const { tags } = await people.user("auth0|cy");
    expect(tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({ tag_value: "SUB_RESUMED", tag_archived: true });
    expect(await segment.calls("auth0|cy")).toEqual([
      expect.objectContaining({
        messageId: "resume-auth0|cy",
        event: "user-membership-unpause",
        properties: { email: "auth0cy@example.com", unpause_date: "2025-06-01T00:00:00.000Z" },
      }),
    ]);
    expect(metrics.counts()).toEqual({ "user.membership.unpaused": 1 });
  });

  it("logs and skips any other updated_event, writing nothing", async () => {
    await people.pausing("auth0|di");
    const { deps } = subscriptionsWorkerDeps(s);
    const other = kinesisRecord({
      ...SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE,
      payload: {
        ...SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE.payload,
        user_id: "auth0|di",
        updated_event: "renewed",
      },
    });

    await subscriptionsWorker(deps)([other], context());

    expect((await people.timeline("auth0|di")).map((r) => r.membership_event_type)).toEqual([
      "SUB_PAUSED",
      "ACTIVATE",
    ]);
  });

  it("fails the whole batch for one bad record; the retried batch does not repeat what already took effect", async () => {
    await people.pausing("auth0|ed");
    const { deps, segment } = subscriptionsWorkerDeps(s);
    const handle = subscriptionsWorker(deps);
    await handle([skipped("auth0|ed")], context());
    const batch = [
      resumed("auth0|ed"),
      kinesisRecord({ ...SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE, version: "9.0.0" }),
    ];

    await expect(handle(batch, context())).rejects.toThrow(SubscriptionBatchFailedError);
    await expect(handle(batch, context())).rejects.toThrow("1 of 2 subscription records failed");

    expect(
      (await people.timeline("auth0|ed")).filter((r) => r.membership_event_type === "SUB_RESUMED"),
    ).toHaveLength(1);
    expect(await segment.calls("auth0|ed")).toHaveLength(1);
  });

  it("finishes a resumption cut short after its write: one record, the notification sent on the retry", async () => {
    await people.pausing("auth0|flo");
    let segmentUp = false;
    const sandbox = subscriptionsWorkerDeps(s).segment;
    const flaky: Analytics = {
      track: (event: TrackEvent) =>
        segmentUp ? sandbox.track(event) : Promise.reject(new UnavailableError("Segment is unavailable")),
    };
    const { deps, metrics } = subscriptionsWorkerDeps(s, flaky);
    const handle = subscriptionsWorker(deps);
    await handle([skipped("auth0|flo")], context());

    await expect(handle([resumed("auth0|flo")], context())).rejects.toThrow(SubscriptionBatchFailedError);
    segmentUp = true;
    await handle([resumed("auth0|flo")], context());

    const timeline = await people.timeline("auth0|flo");
    expect(timeline.filter((r) => r.membership_event_type === "SUB_RESUMED")).toHaveLength(1);
    expect(await sandbox.calls("auth0|flo")).toHaveLength(1);
    expect(metrics.counts()).toEqual({ "user.membership.unpaused": 1 });
  });

  it("keeps one user's records in stream order within a concurrent batch", async () => {
    await people.pausing("auth0|gus");
    await people.pausing("auth0|hal");
    const { deps, segment } = subscriptionsWorkerDeps(s);

    await subscriptionsWorker(deps)(
      [skipped("auth0|gus"), skipped("auth0|hal"), resumed("auth0|gus"), resumed("auth0|hal")],
      context(),
    );

    for (const id of ["auth0|gus", "auth0|hal"]) {
      const events = (await people.timeline(id)).map((r) => r.membership_event_type);
      expect(events).toEqual(["SUB_RESUMED", "PAUSE_COLLECTION_SKIPPED", "SUB_PAUSED", "ACTIVATE"]);
      expect(await segment.calls(id)).toHaveLength(1);
    }
  });
});
