import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { serve } from "@hono/node-server";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { SubscriptionRecordSchema } from "../../../src/contracts/subscriptions/subscriptions.message.ts";
import { buildTestPayments } from "../../../src/payments/wiring/test-payments.ts";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { CYCLE_LEASE_MS } from "../../../src/subscriptions/domain/billing-cycle.ts";
import { buildTestSubscriptions } from "../../../src/subscriptions/wiring/test-subscriptions.ts";
import { migratedPayments } from "../../suites/payments/payment-schema-fixtures.ts";
import { migratedSubscriptions } from "../../suites/subscriptions/subscription-schema-fixtures.ts";
import type { Json } from "../../support/json.ts";

const CHILD = resolve(import.meta.dirname, "./billing-runner.child.ts");
const NOW = "2026-11-22T09:30:00.000Z";
const PLUS = { tier: "plus", tier_version: "v1", term: "MONTHLY", price_cents: 999, currency: "USD" };
const USERS = ["auth0|kim", "auth0|lou", "auth0|max"];
const DAY_MS = 24 * 60 * 60 * 1000;

/** Resolves when the child has printed every line of `lines`; rejects if it exits first or the deadline passes. */
function waitForLines(child: ChildProcess, lines: readonly string[], deadlineMs = 30_000): Promise<void> {
  const waiting = new Set(lines);
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`still waiting for ${[...waiting].join(", ")} after ${deadlineMs} ms`)),
      deadlineMs,
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (text) => {
      waiting.delete(text);
      if (waiting.size === 0) {
        clearTimeout(timer);
        done();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`the child exited with ${code} before printing ${[...waiting].join(", ")}`));
    });
  });
}

describe("the billing runner killed (SIGKILL) between the charge and its commit, then restarted", () => {
  let dir: string;
  let subscriptionsDb: Awaited<ReturnType<typeof migratedSubscriptions>>;
  let paymentsDb: Awaited<ReturnType<typeof migratedPayments>>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "roster-runner-kill-"));
    [subscriptionsDb, paymentsDb] = await Promise.all([migratedSubscriptions(6), migratedPayments(6)]);
  });
  afterEach(async () => {
    await Promise.all([subscriptionsDb.drop(), paymentsDb.drop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("charges each cycle exactly once: the restart after the lease gets the stored charge for the same key", async () => {
    const clock = new ManualClock(NOW);
    const issuer = await LocalIssuer.open(dir);
    const payments = buildTestPayments({ db: paymentsDb.db, clock, issuer });
    const service = () =>
      buildTestSubscriptions({
        db: subscriptionsDb.db,
        clock,
        issuer,
        payments: { fetch: async (request) => payments.app.fetch(request) },
      });
    const call = async (app: { request: typeof payments.app.request }, path: string, body?: unknown) => {
      const token = await issuer.issue({ kind: "service", id: "test" }, clock.now());
      const res = await app.request(path, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "idempotency-key": path,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const charges = async (user: string) => {
      const res = await call(payments.app, `/payments/users/${encodeURIComponent(user)}/charges?limit=100`);
      return (res.body.items as { status: string; amount_cents: number }[]).map((c) => c.status);
    };
    const before = service();
    for (const user of USERS) {
      const path = `/payments/users/${encodeURIComponent(user)}`;
      expect(
        (await call(payments.app, `${path}/payment-methods`, { token: "pm_card_visa_debit" })).status,
      ).toBe(201);
      expect(
        (await call(before.app, `/subscriptions/users/${encodeURIComponent(user)}/subscription`, PLUS))
          .status,
      ).toBe(201);
    }
    await before.tick(); // November, collected at activation
    clock.advance(31 * DAY_MS);

    // The Payment Service on loopback, as the child's runner reaches it (the sandbox gateway's cards
    // live in this process).
    const server = serve({ fetch: payments.app.fetch, port: 0, hostname: "127.0.0.1" });
    onTestFinished(() => void server.close());
    await new Promise((listening) => server.once("listening", listening));
    const paymentsBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const victim = spawn(process.execPath, [CHILD], {
      env: {
        ...process.env,
        SUBSCRIPTIONS_URL: subscriptionsDb.url,
        PAYMENTS_BASE: paymentsBase,
        ISSUER_DIR: dir,
        NOW: clock.now().toISOString(),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((done) => victim.once("exit", done));
    await waitForLines(
      victim,
      USERS.map((u) => `charged ${u}`),
    );
    victim.kill("SIGKILL");
    await exited;

    // December was charged and not recorded; within the lease nobody charges it again.
    for (const user of USERS) expect(await charges(user)).toEqual(["CONFIRMED", "CONFIRMED"]);
    const restarted = service();
    await restarted.tick();
    const processing = await subscriptionsDb.db
      .selectFrom("billing_cycles")
      .select("status")
      .where("status", "=", "PROCESSING")
      .execute();
    expect(processing).toHaveLength(USERS.length);

    clock.advance(CYCLE_LEASE_MS);
    await restarted.tick();

    for (const user of USERS) expect(await charges(user)).toEqual(["CONFIRMED", "CONFIRMED"]);
    const cycles = await subscriptionsDb.db
      .selectFrom("billing_cycles")
      .select(["user_id", "status", "period_start"])
      .where("status", "=", "PAID")
      .execute();
    expect(cycles).toHaveLength(2 * USERS.length);
    // The gateway's own books: money moved twice per user (November, December), never three times.
    for (const user of USERS) {
      const customer = await payments.gateway.customer(user);
      expect(await payments.gateway.chargesOf(customer.ref)).toHaveLength(2);
    }
    const renewed = restarted.streamed.map((r) => SubscriptionRecordSchema.parse(r.record).payload);
    expect(
      renewed
        .filter((p) => p.updated_event === "renewed")
        .map((p) => p.user_id)
        .sort(),
    ).toEqual(USERS);
    const period = await call(
      restarted.app,
      `/subscriptions/users/${encodeURIComponent(USERS[0] as string)}/subscription/current-period`,
    );
    expect(period.body).toMatchObject({ start: "2026-12-22T09:30:00.000Z", end: "2027-01-22T09:30:00.000Z" });
  });
});
