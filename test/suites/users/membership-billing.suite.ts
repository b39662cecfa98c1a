import { beforeEach, describe, expect, it } from "vitest";
import { DependencyError } from "../../../src/platform/errors/app.errors.ts";
import { createUsersApp } from "../../../src/users/api/users.app.ts";
import {
  buildTestServices,
  TEST_NOW,
  type TestServicesOptions,
} from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";
import { eventsSince } from "./domain-events.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;
type Json = Record<string, unknown>;
const DAY = 86_400_000;

/**
 * Activate, upgrade, downgrade (finalize, retract) and pay now over HTTP, against Roster's real Payment
 * Service (its database on the run's PostgreSQL, the sandbox gateway) and the other services' sandboxes.
 */
export function membershipBillingSuite(adapter: string, store?: TestServicesOptions["store"]): void {
  describe(`membership billing on ${adapter}`, () => {
    let s: Services;
    const subscriptions = useSubscriptionService();
    const payments = subscriptions.payments;
    let app: () => Services["app"];
    const call = httpClient(() => app());
    const staff: Record<string, string> = {};
    const tokens: Record<string, string> = {};

    /**
     * Signs up `name` (steered by the id: `auth0|<name>`), attaches a Stripe test debit card unless the
     * name ends in `-no-card`, and returns its path prefix.
     */
    const signUp = async (name: string) => {
      if (!name.endsWith("-no-card")) await payments.attachCard(`auth0|${name}`);
      tokens[name] = await s.token({ kind: "user", id: `auth0|${name}`, mfa: true });
      const res = await call("/users/create", {
        method: "POST",
        token: tokens[name],
        body: { user_email: `${name}@example.com` },
      });
      expect(res.status).toBe(201);
      s.clock.advance(1_000);
      return `/auth0%7C${name}`;
    };
    const post = (path: string, token: string | undefined, body?: unknown) =>
      call(path, { method: "POST", ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) });
    const member = async (name: string, body: Json = {}) => {
      const path = await signUp(name);
      const res = await post(`${path}/user/activate`, tokens[name], body);
      expect(res.status).toBe(200);
      s.clock.advance(1_000);
      return path;
    };
    const current = async (path: string) => jsonOf(call(`${path}/membership`, { token: staff.service }));
    const timeline = async (path: string) =>
      (await jsonOf(call(`${path}/memberships`, { token: staff.service }))).items as Json[];
    /** Moves the clock; tokens are issued again, as a client whose old ones expired would. */
    const travel = async (to: number) => {
      s.clock.set(new Date(to));
      staff.service = await s.token({ kind: "service", id: "billing" });
      for (const name of Object.keys(tokens)) {
        tokens[name] = await s.token({ kind: "user", id: `auth0|${name}`, mfa: true });
      }
    };
    const ledger = (name: string) => payments.ledger(`auth0|${name}`);
    const billed = (name: string) => s.sandboxes.subscriptions.currentPeriod(`auth0|${name}`);

    beforeEach(async () => {
      s = await buildTestServices({
        ...(store ? { store } : {}),
        payments: payments.forUsers,
        subscriptions: subscriptions.forUsers,
      });
      app = () => s.app;
      staff.service = await s.token({ kind: "service", id: "billing" });
      staff.operator = await s.token({ kind: "operator", id: "mx-kim" });
    });

    describe("activate", () => {
      it("activates the subscription, writes the first record and the user's ACTIVE version", async () => {
        const path = await signUp("ada");
        const announced = eventsSince(s.bus);
        const res = await post(`${path}/user/activate`, tokens.ada, {});
        expect(res.status).toBe(200);
        const record = await res.json();
        expect(record).toMatchObject({
          membership_user_id: "auth0|ada",
          membership_status: "SUB_ACTIVE",
          membership_event_type: "ACTIVATE",
          membership_event_source: "user",
          membership_tier: "plus",
          membership_tier_version: "v1",
          membership_term: "MONTHLY",
          membership_is_pending_downgrade: false,
        });
        expect(record.membership_subscription_id).toMatch(/^sub_/);
        expect(await current(path)).toEqual(record);
        expect(await billed("ada")).toMatchObject({ tier: "plus", priceCents: 999, term: "MONTHLY" });
        const user = await jsonOf(call(`${path}/user`, { token: tokens.ada }));
        expect(user.user_status).toBe("ACTIVE");
        const history = await jsonOf(call(`${path}/user/history`, { token: tokens.ada }));
        expect(history.items[0].event_type).toBe("USER_ACTIVE");
        expect(announced().map((e) => e.detailType)).toEqual(["MembershipChanged", "UserStatusChanged"]);
      });

      it("takes the tier and term from the request, at the tier's current version and price", async () => {
        await member("bea", { membership_tier: "premium", membership_term: "ANNUAL" });
        expect(await billed("bea")).toMatchObject({ tier: "premium", tierVersion: "v2", priceCents: 19999 });
      });

      it.each([
        ["ada-noplaid", {}, 422, "no linked bank account (Plaid item)"],
        ["ada-no-card", {}, 422, "no active debit card"],
        ["ada", { membership_tier: "gold" }, 422, "membership_tier gold is not in the membership catalogue"],
        ["subs-down-ada", {}, 503, "the Subscription Service is unavailable"],
      ])("refuses %s %j without writing anything", async (name, body, status, detail) => {
        const path = await signUp(name);
        const res = await post(`${path}/user/activate`, tokens[name], body);
        expect(res.status).toBe(status);
        expect((await res.json()).detail).toContain(detail);
        expect((await call(`${path}/membership`, { token: staff.service })).status).toBe(404);
        expect((await jsonOf(call(`${path}/user`, { token: tokens[name] }))).user_status).toBe("PROCESSING");
      });

      it("answers 409 once active, 403 to another user, 404 for nobody", async () => {
        const path = await member("ada");
        const again = await post(`${path}/user/activate`, tokens.ada, {});
        expect(again.status).toBe(409);
        expect((await again.json()).detail).toBe("cannot activate while the user is ACTIVE");
        await signUp("eve");
        expect((await post(`${path}/user/activate`, tokens.eve, {})).status).toBe(403);
        expect((await post("/auth0%7Cnobody/user/activate", staff.service, {})).status).toBe(404);
      });

      it("lets exactly one of two racing activations win, with one subscription", async () => {
        const path = await signUp("ada");
        const results = await Promise.all([
          post(`${path}/user/activate`, tokens.ada, {}),
          post(`${path}/user/activate`, staff.service, {}),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        expect(await timeline(path)).toHaveLength(1);
      });
    });

    describe("upgrade", () => {
      it("charges the prorated difference first, then moves renewals and records the charge", async () => {
        const path = await member("ada");
        await travel(Date.parse(TEST_NOW) + 10 * DAY);
        const res = await post(`${path}/membership/upgrade`, tokens.ada, { membership_tier: "premium" });
        expect(res.status).toBe(200);
        const record = await res.json();
        // 30-day period from 22 Nov, upgraded on 2 Dec: 20 days left of (1999 - 999) -> 666.67 -> 667.
        const charges = await ledger("ada");
        expect(charges).toMatchObject([{ kind: "CHARGE", amountCents: 667, currency: "USD" }]);
        expect(record).toMatchObject({
          membership_event_type: "MEMBERSHIP_UPGRADE",
          membership_status: "SUB_ACTIVE",
          membership_tier: "premium",
          membership_tier_version: "v2",
          membership_confirmation_id: charges[0]?.confirmationId,
        });
        expect(await billed("ada")).toMatchObject({ tier: "premium", tierVersion: "v2", priceCents: 1999 });
      });

      it("refuses a tier that does not rank higher (422) and a user not yet active (409)", async () => {
        const path = await member("ada");
        const same = await post(`${path}/membership/upgrade`, tokens.ada, { membership_tier: "plus" });
        expect(same.status).toBe(422);
        expect((await same.json()).detail).toContain("does not rank above plus");
        const early = await signUp("bea");
        const res = await post(`${early}/membership/upgrade`, tokens.bea, { membership_tier: "premium" });
        expect(res.status).toBe(409);
        expect((await res.json()).detail).toBe("cannot upgrade while the user is PROCESSING");
        expect(await ledger("ada")).toEqual([]);
      });

      it("charges once when the request is retried after the Payment Service timed out", async () => {
        // The sandbox gateway makes the charge and loses its answer: the Payment Service keeps it
        // INITIATED and answers 503; the retry asks the gateway again with the same key.
        const name = "ada-pay-timeout";
        const path = await member(name);
        const body = { membership_tier: "premium" };
        const first = await post(`${path}/membership/upgrade`, tokens[name], body);
        expect(first.status).toBe(503);
        expect((await current(path)).membership_event_type).toBe("ACTIVATE");
        expect((await payments.charges(`auth0|${name}`)).map((c) => c.status)).toEqual(["INITIATED"]);
        expect(await payments.gatewayCharges(`auth0|${name}`)).toHaveLength(1);
        const retry = await post(`${path}/membership/upgrade`, tokens[name], body);
        expect(retry.status).toBe(200);
        const charges = await ledger(name);
        expect(charges).toHaveLength(1);
        expect(await payments.gatewayCharges(`auth0|${name}`)).toHaveLength(1);
        expect((await retry.json()).membership_confirmation_id).toBe(charges[0]?.confirmationId);
      });

      it("writes nothing when the card declines (422)", async () => {
        const path = await member("ada-card-declines");
        const res = await post(`${path}/membership/upgrade`, staff.service, { membership_tier: "premium" });
        expect(res.status).toBe(422);
        expect((await current(path)).membership_tier).toBe("plus");
        expect(await billed("ada-card-declines")).toMatchObject({ tier: "plus" });
        expect(await ledger("ada-card-declines")).toEqual([]);
        const [declined] = await payments.charges("auth0|ada-card-declines");
        expect(declined).toMatchObject({ status: "FAILED", decline_reason: "card_declined" });
      });

      it("refunds the charge and answers 502 when the Subscription Service fails after it", async () => {
        const path = await member("ada");
        const subscriptions = new Proxy(s.sandboxes.subscriptions, {
          get: (target, name) =>
            name === "upgrade"
              ? () => Promise.reject(new DependencyError("the Subscription Service failed"))
              : Reflect.get(target, name).bind(target),
        });
        const broken = createUsersApp({
          ...s.services,
          lifecycle: { ...s.services.lifecycle, subscriptions },
        });
        app = () => broken;
        const res = await post(`${path}/membership/upgrade`, tokens.ada, { membership_tier: "premium" });
        expect(res.status).toBe(502);
        expect((await res.json()).detail).toContain("was refunded and nothing changed");
        const lines = await ledger("ada");
        expect(lines.map((l) => [l.kind, l.amountCents])).toEqual([
          ["CHARGE", 1000],
          ["REFUND", -1000],
        ]);
        expect((await current(path)).membership_event_type).toBe("ACTIVATE");

        // The same request again, once the Subscription Service is back: the refunded charge holds no
        // money, so it is charged afresh; the upgrade is never had for free.
        app = () => s.app;
        s.clock.advance(60_000);
        const retry = await post(`${path}/membership/upgrade`, tokens.ada, { membership_tier: "premium" });
        expect(retry.status).toBe(200);
        const after = await ledger("ada");
        expect(after.map((l) => [l.kind, l.amountCents])).toEqual([
          ["CHARGE", 1000],
          ["REFUND", -1000],
          ["CHARGE", 1000],
        ]);
        expect((await retry.json()).membership_confirmation_id).toBe(after[2]?.confirmationId);
      });

      it("does not charge an employee", async () => {
        const path = await member("ada");
        const tag = await call(`${path}/tags/is_employee`, {
          method: "PUT",
          token: staff.operator,
          body: { tag_value: "true" },
        });
        expect(tag.status).toBe(200);
        const res = await post(`${path}/membership/upgrade`, tokens.ada, { membership_tier: "premium" });
        expect(res.status).toBe(200);
        expect(await res.json()).not.toHaveProperty("membership_confirmation_id");
        expect(await ledger("ada")).toEqual([]);
        expect(await billed("ada")).toMatchObject({ tier: "premium" });
      });

      it("lets exactly one of two racing upgrades win, charged once, with no duplicate record", async () => {
        const path = await member("ada");
        // Both requests decide on the same record: neither charges before the other has decided.
        const arrived: (() => void)[] = [];
        const bothArrived = () =>
          new Promise<void>((go) => {
            arrived.push(go);
            if (arrived.length === 2) for (const release of arrived) release();
          });
        const gatedPayments = new Proxy(s.sandboxes.payments, {
          get: (target, name) =>
            name === "charge"
              ? async (...args: Parameters<typeof target.charge>) => {
                  await bothArrived();
                  return target.charge(...args);
                }
              : Reflect.get(target, name).bind(target),
        });
        const gated = createUsersApp({
          ...s.services,
          lifecycle: { ...s.services.lifecycle, payments: gatedPayments },
        });
        app = () => gated;
        const body = { membership_tier: "premium" };
        const results = await Promise.all([
          post(`${path}/membership/upgrade`, tokens.ada, body),
          post(`${path}/membership/upgrade`, staff.service, body),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const loser = await results.find((r) => r.status === 409)?.json();
        expect(loser.detail).toBe("the same upgrade to premium was recorded meanwhile; it was charged once");
        const types = (await timeline(path)).map((m) => m.membership_event_type);
        expect(types).toEqual(["MEMBERSHIP_UPGRADE", "ACTIVATE"]);
        expect(await ledger("ada")).toHaveLength(1);
      });
    });

    describe("downgrade", () => {
      it("is pending until the billing cycle, then finalized by the Subscription Service at the renewal", async () => {
        const path = await member("ada", { membership_tier: "premium" });
        const period = await billed("ada");
        const res = await post(`${path}/membership/downgrade`, tokens.ada, { membership_tier: "plus" });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({
          membership_event_type: "MEMBERSHIP_DOWNGRADE",
          membership_tier: "premium",
          membership_is_pending_downgrade: true,
          membership_pending_tier: "plus",
          membership_downgrade_date: period.end,
        });
        const upgrade = await post(`${path}/membership/upgrade`, tokens.ada, { membership_tier: "premium" });
        expect(upgrade.status).toBe(409);
        const early = await post(`${path}/membership/downgrade/finalize`, staff.service);
        expect(early.status).toBe(409);
        expect((await early.json()).detail).toContain("still bills premium");
        expect((await post(`${path}/membership/downgrade/finalize`, tokens.ada)).status).toBe(403);
        await travel(Date.parse(period.end) + 1_000);
        // The renewal bills the lower tier, and billing asks the User Service to finalize the downgrade.
        await subscriptions.tick();
        expect(await billed("ada")).toMatchObject({ tier: "plus", start: period.end });
        const record = await current(path);
        expect(record).toMatchObject({
          membership_event_type: "MEMBERSHIP_DOWNGRADE_FINALIZED",
          membership_event_source: "service:subscription-service",
          membership_tier: "plus",
          membership_tier_version: "v1",
          membership_is_pending_downgrade: false,
        });
        expect(record).not.toHaveProperty("membership_pending_tier");
        expect(record).not.toHaveProperty("membership_downgrade_date");
      });

      it("refuses a tier that does not rank lower (422)", async () => {
        const path = await member("ada");
        const res = await post(`${path}/membership/downgrade`, tokens.ada, { membership_tier: "premium" });
        expect(res.status).toBe(422);
        expect((await res.json()).detail).toContain("does not rank below plus");
      });

      it("is withdrawn by a retraction: the Subscription Service keeps billing the tier", async () => {
        const path = await member("ada", { membership_tier: "premium" });
        const period = await billed("ada");
        const none = await post(`${path}/membership/retract`, tokens.ada);
        expect(none.status).toBe(409);
        expect((await none.json()).detail).toContain("no downgrade is pending");
        await post(`${path}/membership/downgrade`, tokens.ada, { membership_tier: "plus" });
        s.clock.advance(1_000);
        const res = await post(`${path}/membership/retract`, tokens.ada);
        expect(res.status).toBe(200);
        const record = await res.json();
        expect(record).toMatchObject({
          membership_event_type: "MEMBERSHIP_RETRACT",
          membership_tier: "premium",
          membership_is_pending_downgrade: false,
        });
        expect(record).not.toHaveProperty("membership_pending_tier");
        await travel(Date.parse(period.end) + 1_000);
        expect(await billed("ada")).toMatchObject({ tier: "premium", priceCents: 1999 });
      });
    });

    describe("pay now", () => {
      it("collects the period's fee once and records it", async () => {
        const path = await member("ada");
        const res = await post(`${path}/membership/paynow`, tokens.ada);
        expect(res.status).toBe(200);
        const record = await res.json();
        const charges = await ledger("ada");
        expect(charges).toMatchObject([{ kind: "CHARGE", amountCents: 999 }]);
        expect(record).toMatchObject({
          membership_event_type: "PAYNOW",
          membership_confirmation_id: charges[0]?.confirmationId,
        });
        const again = await post(`${path}/membership/paynow`, tokens.ada);
        expect(await again.json()).toEqual(record);
        expect(await ledger("ada")).toHaveLength(1);
        expect(await timeline(path)).toHaveLength(2);
      });

      it("writes nothing when the card declines, and refuses before activation", async () => {
        const path = await member("ada-card-declines");
        expect((await post(`${path}/membership/paynow`, staff.operator)).status).toBe(422);
        expect((await current(path)).membership_event_type).toBe("ACTIVATE");
        const early = await signUp("bea");
        expect((await post(`${early}/membership/paynow`, tokens.bea)).status).toBe(409);
      });
    });
  });
}
