import { readFileSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsCli } from "../../support/events-cli.ts";
import type { Json } from "../../support/json.ts";
import { localApi, paymentMethodsPath, userPath } from "../../support/local-api.ts";
import {
  freshLocalEnv,
  type LocalProcess,
  localClockCli,
  localToken,
  startLocalProcess,
  stopLocalProcess,
} from "../../support/local-process.ts";
import { settled } from "../../support/polling.ts";

/**
 * README.md's month-passing walk as a person runs it, in one local process and nothing put by hand:
 * Ada activates, pauses two months, the local clock moves a month three times; the Subscription
 * Service skips two renewals and resumes, the User Service's worker writes SUB_PAUSED and SUB_RESUMED,
 * archives the tag, sends the Segment call, and the renewal after the pause is charged. Then Bo, whose
 * card declines every charge, goes through the recovery window to the cancellation. Every wait polls
 * with a deadline; nothing asserts how long anything took.
 */
const { dataDir, env } = freshLocalEnv("roster-e2e-month-");
const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const ADA = "auth0|ada";
const BO = "auth0|bo-card-declines";
const PAUSE = { membership_pause_duration_months: 2 };

let local: LocalProcess | undefined;
const api = localApi(() => local);
const events = eventsCli(env);
const tokens = new Map<string, string>();

async function mint(): Promise<void> {
  for (const [name, args] of [
    [ADA, ["--user", ADA, "--mfa"]],
    [BO, ["--user", BO, "--mfa"]],
    ["service", ["--service", "e2e"]],
  ] as const) {
    tokens.set(name, await localToken(env, ...args));
  }
}
const token = (name: string) => tokens.get(name) as string;

/** `npm run clock -- advance <d>` on the server's port, then fresh tokens (the old ones expired). */
async function advance(duration: string): Promise<void> {
  // What the stream holds now, before the clock leaves it behind.
  for (const user of [ADA, BO]) await updates(user);
  const port = new URL(local?.base as string).port;
  const moved = await localClockCli({ ...env, PORT: port }, "advance", duration);
  expect(moved.code, moved.stderr).toBe(0);
  await mint();
}

async function read(url: string, as = "service"): Promise<Json> {
  const res = await api("GET", url, token(as));
  expect(res.status, `GET ${url}`).toBe(200);
  return res.json();
}

/** Polls until `probe` answers something; fails naming `what` at the deadline. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const answer = await settled(probe, (found) => found !== undefined, 30_000, 200);
  if (answer !== undefined) return answer;
  throw new Error(`gave up waiting for ${what}; the process printed:\n${local?.output().slice(-4_000)}`);
}

const membershipIs = (user: string, eventType: string) =>
  eventually(`${user}'s ${eventType}`, async () => {
    const m = await read(`${userPath(user)}/membership`);
    return m.membership_event_type === eventType ? m : undefined;
  });

/**
 * Every `subscriptions` record of `user` seen so far, in stream order. A stream keeps 7 days (as
 * Kinesis does), so a clock moved a month on leaves older records behind: each look keeps what it saw.
 */
const seen = new Map<string, { id: string; event: string }[]>();
const updates = async (user: string) => {
  const kept = seen.get(user) ?? [];
  const known = new Set(kept.map((r) => r.id));
  for (const line of await events("tail", "subscriptions", "--no-follow")) {
    const data = line.data;
    if (data.payload.user_id !== user || known.has(data.event_id)) continue;
    kept.push({ id: data.event_id, event: data.payload.updated_event });
    known.add(data.event_id);
  }
  seen.set(user, kept);
  return kept.map((r) => r.event);
};

const confirmed = async (user: string) =>
  ((await read(`/payments/users/${encodeURIComponent(user)}/charges?limit=100`)).items as Json[])
    .filter((c) => c.status === "CONFIRMED")
    .map((c) => c.amount_cents);

async function member(user: string): Promise<void> {
  expect(
    (await api("POST", "/users/create", token(user), { user_email: `${user.slice(6)}@example.com` })).status,
  ).toBe(201);
  expect(
    (await api("POST", paymentMethodsPath(user), token(user), { token: "pm_card_visa_debit" })).status,
  ).toBe(201);
  expect(
    (await api("POST", `${userPath(user)}/user/activate`, token(user), { membership_tier: "plus" })).status,
  ).toBe(200);
}

describe("a month passing on the local clock, as README.md's walk runs it", () => {
  beforeAll(async () => {
    local = await startLocalProcess(env);
    await mint();
  });
  afterAll(async () => {
    await stopLocalProcess(local);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the commands this test runs", () => {
    for (const text of [
      `-d '${JSON.stringify(PAUSE)}'`,
      "npm run clock -- advance 31d",
      "npm run events -- tail subscriptions --no-follow",
      "npm run events -- segment --user 'auth0|ada'",
      "npm run events -- notifications --user 'auth0|ada'",
    ]) {
      expect(README, `README.md shows ${text}`).toContain(text);
    }
  });

  it("skips the paused months' payments, resumes, and charges the renewal after the pause", async () => {
    await member(ADA);
    await eventually("the first period's charge", async () =>
      (await confirmed(ADA)).length === 1 ? true : undefined,
    );
    const paused = await api("POST", `${userPath(ADA)}/membership/pause`, token(ADA), PAUSE);
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ membership_status: "SUB_PENDING_PAUSE" });

    await advance("31d");
    const skipped = await membershipIs(ADA, "PAUSE_COLLECTION_SKIPPED");
    await updates(ADA);
    expect(skipped.membership_status).toBe("SUB_PAUSED");
    expect((await read(`${userPath(ADA)}/user`)).tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({
      tag_value: "SUB_PAUSED",
      tag_archived: false,
    });
    await advance("31d");
    await eventually("the second skip", async () =>
      (await updates(ADA)).filter((u) => u === "pause-skipped").length === 2 ? true : undefined,
    );
    await advance("31d");
    const resumed = await membershipIs(ADA, "SUB_RESUMED");
    expect(resumed.membership_status).toBe("");

    expect(await confirmed(ADA)).toEqual([999, 999]);
    expect((await read(`${userPath(ADA)}/user`)).tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({
      tag_value: "SUB_RESUMED",
      tag_archived: true,
    });
    expect(await updates(ADA)).toEqual([
      "activated",
      "renewed",
      "pause-scheduled",
      "pause-skipped",
      "pause-skipped",
      "pause-resume",
      "renewed",
    ]);
    const segment = await events("segment", "--user", ADA);
    expect(JSON.stringify(segment)).toContain("user-membership-unpause");
    // The member's notices, waiting on the local queue for the sender outside Roster.
    const notices = (await events("notifications", "--user", ADA)) as { kind: string; resumes_on?: string }[];
    expect(notices.map((n) => n.kind)).toEqual([
      "subscription_started",
      "renewal_receipt",
      "pause_scheduled",
      "pause_ending",
      "pause_ended",
      "renewal_receipt",
    ]);
    const usersStream = (await events("tail", "users", "--no-follow"))
      .map((line) => line.data)
      .filter((data) => data.payload?.membership_user_id === ADA)
      .map((data) => data.event_type);
    expect(usersStream).toContain("SUB_RESUMED");
  }, 120_000);

  it("takes a declined renewal through the recovery window to the cancellation, and the membership ends", async () => {
    await member(BO);
    await eventually("the first charge's failure", async () =>
      (await updates(BO)).includes("payment-failed") ? true : undefined,
    );
    expect((await read(`/subscriptions/${encodeURIComponent(BO)}/status`)).subscriptionStatus).toBe(
      "pending",
    );
    for (const [step, failures] of [
      ["1d", 2],
      ["2d", 3],
      ["4d", 4],
    ] as const) {
      await advance(step);
      await eventually(`failure ${failures}`, async () =>
        (await updates(BO)).filter((u) => u === "payment-failed").length === failures ? true : undefined,
      );
    }
    await advance("7d");
    await eventually("the cancellation", async () =>
      (await updates(BO)).includes("cancelled") ? true : undefined,
    );
    expect(await updates(BO)).toEqual([
      "activated",
      "payment-failed",
      "payment-failed",
      "payment-failed",
      "payment-failed",
      "cancelled",
    ]);
    expect((await read(`/subscriptions/${encodeURIComponent(BO)}/status`)).subscriptionStatus).toBe(
      "canceled",
    );
    const ended = await eventually("Bo's membership cancelled", async () => {
      const m = await read(`${userPath(BO)}/membership`);
      return m.membership_status === "CANCELLED" ? m : undefined;
    });
    expect(ended.membership_event_type).toBe("CANCEL");
    expect(await confirmed(BO)).toEqual([]);
  }, 120_000);
});
