import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsCli } from "../../support/events-cli.ts";
import type { Json } from "../../support/json.ts";
import { localApi, userPath } from "../../support/local-api.ts";
import {
  freshLocalEnv,
  type LocalProcess,
  localToken,
  startLocalProcess,
  stopLocalProcess,
} from "../../support/local-process.ts";
import { captureCommandOutput } from "../../support/log-capture.ts";
import { settled } from "../../support/polling.ts";

/**
 * README.md's "Payments" walk as a person runs it, in one local process: Grace signs up and becomes
 * ACTIVE, attaches a test card, is charged and partly refunded, and `npm run payments -- dispute`
 * makes the sandbox gateway raise a chargeback that travels as a real one would: a signed webhook,
 * CHARGED_BACK in the Payment Service, the payments stream, the User Service's ban, the users stream.
 * Every wait polls with a deadline; nothing asserts how long anything took.
 */

const run = promisify(execFile);
const { dataDir, env } = freshLocalEnv("roster-e2e-chargeback-");
const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

const GRACE = "auth0|grace";
const SIGN_UP = {
  user_email: "grace@example.com",
  user_phone: "(555) 201-7789",
  user_first_name: "Grace",
};
const ACTIVATE = { membership_tier: "plus" };
const CARD = { token: "pm_card_visa_debit" };
const CHARGE = { amount_cents: 1250, currency: "USD", description: "prorated upgrade fee" };
const CHARGE_KEY = "grace-fee-1";
const REFUND = { amount_cents: 500 };
const REFUND_KEY = "grace-fee-1-refund-1";

let local: LocalProcess | undefined;
let grace = "";
let users = "";
const api = localApi(() => local);
const events = eventsCli(env);

/** `npm run -s payments -- <args>` on the process's data folder: its exit code and standard error. */
async function paymentsCli(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npm", ["run", "-s", "payments", "--", ...args], { env });
    captureCommandOutput("payments-cli", stdout, stderr);
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    captureCommandOutput("payments-cli", failed.stdout, failed.stderr);
    return { code: failed.code ?? -1, stderr: failed.stderr ?? "" };
  }
}

/** POST with an `Idempotency-Key`, as the README's money-moving calls are made. */
function postWithKey(url: string, token: string, key: string, body: unknown): Promise<Response> {
  return fetch(`${local?.base}${url}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify(body),
  });
}

/** Polls `probe` until it answers something other than undefined; fails naming `what` at the deadline. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const answer = await settled(probe, (found) => found !== undefined, 30_000, 150);
  if (answer !== undefined) return answer;
  throw new Error(`gave up waiting for ${what}; the process printed:\n${local?.output().slice(-4_000)}`);
}

async function read(url: string): Promise<Json> {
  const res = await api("GET", url, users);
  expect(res.status, `GET ${url}`).toBe(200);
  return res.json();
}

const chargeIn = (id: string, status: string) =>
  eventually(`charge ${id} ${status}`, async () => {
    const charge = await read(`/payments/charges/${id}`);
    return charge.status === status ? charge : undefined;
  });

/** The records of `stream` whose data `matches`, once there is at least one. */
const recordsOn = (stream: string, what: string, matches: (data: Json) => boolean) =>
  eventually(what, async () => {
    const found = (await events("tail", stream, "--no-follow")).filter((line) => matches(line.data));
    return found.length > 0 ? found : undefined;
  });

describe("a chargeback end to end, as README.md's Payments part runs it", () => {
  beforeAll(async () => {
    local = await startLocalProcess(env);
    grace = await localToken(env, "--user", GRACE, "--mfa");
    users = await localToken(env, "--service", "users");
  });

  afterAll(async () => {
    await stopLocalProcess(local);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the requests and commands this test makes", () => {
    const shown = [
      ...[SIGN_UP, ACTIVATE, CARD, CHARGE, REFUND].map((body) => `-d '${JSON.stringify(body)}'`),
      `npm run -s token -- --user '${GRACE}' --mfa`,
      "npm run -s token -- --service users",
      `-H 'Idempotency-Key: ${CHARGE_KEY}'`,
      `-H 'Idempotency-Key: ${REFUND_KEY}'`,
      'npm run payments -- dispute "$CHARGE"',
      'npm run payments -- dispute "$CHARGE" --close won',
      "npm run events -- tail payments --no-follow",
      "npm run events -- tail users --no-follow",
    ];
    for (const text of shown) expect(README, `README.md shows ${text}`).toContain(text);
  });

  it("bans the member whose charge is disputed, and keeps the ban when the dispute is won", async () => {
    // Arrange: Grace signs up, attaches a card, becomes ACTIVE, is charged 12.50 and refunded 5.00.
    expect((await api("POST", "/users/create", grace, SIGN_UP)).status).toBe(201);
    const card = await api(
      "POST",
      `/payments/users/${encodeURIComponent(GRACE)}/payment-methods`,
      grace,
      CARD,
    );
    expect(card.status).toBe(201);
    expect((await api("POST", `${userPath(GRACE)}/user/activate`, grace, ACTIVATE)).status).toBe(200);
    const charged = await postWithKey(
      `/payments/users/${encodeURIComponent(GRACE)}/charges`,
      users,
      CHARGE_KEY,
      CHARGE,
    );
    expect(charged.status).toBe(201);
    const charge: Json = await charged.json();
    expect(charge).toMatchObject({ status: "CONFIRMED", amount_cents: 1250, user_id: GRACE });
    const id = charge.confirmation_id as string;
    const refunded = await postWithKey(`/payments/charges/${id}/refunds`, users, REFUND_KEY, REFUND);
    expect(refunded.status).toBe(201);

    // Act
    const opened = await paymentsCli("dispute", id);

    // Assert: the charge, the payments stream, the ban, the users stream.
    expect(opened).toEqual({
      code: 0,
      stderr: `dispute opened for charge ${id} of ${GRACE}; the Payment Service will record it on its next webhook delivery\n`,
    });
    expect(await chargeIn(id, "CHARGED_BACK")).toMatchObject({ refunded_cents: 500 });
    const [dispute] = await recordsOn(
      "payments",
      "PaymentDisputeUpdated",
      (data) => data.event_type === "PaymentDisputeUpdated" && data.payload.paymentId === id,
    );
    expect(dispute?.data.payload).toMatchObject({
      userId: GRACE,
      status: "needs_response",
      amountCents: 750,
    });
    const chargedBack = await recordsOn(
      "payments",
      "PaymentProcessed CHARGED_BACK",
      (data) => data.event_type === "PaymentProcessed" && data.payload.status === "CHARGED_BACK",
    );
    expect(chargedBack.map((line) => line.data.payload)).toMatchObject([{ userId: GRACE, paymentId: id }]);
    const banned = await eventually(`${GRACE} BANNED`, async () => {
      const user = await read(`${userPath(GRACE)}/user`);
      return user.user_status === "BANNED" ? user : undefined;
    });
    expect(banned.user_status_reason).toBe("user banned from user-service for returned payment");
    const [ban] = await recordsOn(
      "users",
      "the ban on the users stream",
      (data) => data.user_id === GRACE && data.db_type === "MEMBERSHIP" && data.event_type === "BANNED",
    );
    expect(ban?.data.payload).toMatchObject({
      membership_status: "CANCELLED",
      membership_event_type: "BANNED",
    });

    // A disputed charge is not disputed again; an unknown one is named.
    expect(await paymentsCli("dispute", id)).toEqual({
      code: 1,
      stderr: `charge ${id} is CHARGED_BACK, not CONFIRMED: only a CONFIRMED charge can be disputed\n`,
    });
    expect(await paymentsCli("dispute", "no-such-charge")).toEqual({
      code: 1,
      stderr: "no charge no-such-charge in the Payment Service\n",
    });

    // Won: the charge is reinstated, the ban stays (lifting it is a person's decision).
    const won = await paymentsCli("dispute", id, "--close", "won");
    expect(won.code, won.stderr).toBe(0);
    expect(await chargeIn(id, "CONFIRMED")).toMatchObject({ refunded_cents: 500 });
    await recordsOn(
      "payments",
      "PaymentDisputeUpdated won",
      (data) => data.event_type === "PaymentDisputeUpdated" && data.payload.status === "won",
    );
    expect((await read(`${userPath(GRACE)}/user`)).user_status).toBe("BANNED");

    // A closed dispute is final, and a charge is disputed once: refused, whichever way it closed.
    expect(await paymentsCli("dispute", id, "--close", "lost")).toEqual({
      code: 1,
      stderr: `charge ${id}: its dispute is closed already (won); a closed dispute is final\n`,
    });
    expect(await paymentsCli("dispute", id)).toEqual({
      code: 1,
      stderr: `charge ${id}: it was disputed already (won); a charge is disputed once\n`,
    });
    const second: Json = await (
      await postWithKey(`/payments/users/${encodeURIComponent(GRACE)}/charges`, users, "grace-fee-2", CHARGE)
    ).json();
    const lostId = second.confirmation_id as string;
    expect((await paymentsCli("dispute", lostId)).code).toBe(0);
    expect((await paymentsCli("dispute", lostId, "--close", "lost")).code).toBe(0);
    // Refused at once, before the lost close has even reached the Payment Service.
    expect(await paymentsCli("dispute", lostId, "--close", "won")).toEqual({
      code: 1,
      stderr: `charge ${lostId}: its dispute is closed already (lost); a closed dispute is final\n`,
    });
    await recordsOn(
      "payments",
      "PaymentDisputeUpdated lost",
      (data) =>
        data.event_type === "PaymentDisputeUpdated" &&
        data.payload.paymentId === lostId &&
        data.payload.status === "lost",
    );
    expect((await read(`/payments/charges/${lostId}`)).status).toBe("CHARGED_BACK");
  }, 180_000);
});
