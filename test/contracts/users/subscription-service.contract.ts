import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { NoSubscriptionError } from "../../../src/users/domain/subscription.errors.ts";
import type { SubscriptionService } from "../../../src/users/ports/subscription-service.port.ts";

export interface SubscriptionTarget {
  readonly service: SubscriptionService;
  /** Moves the clock of whatever keeps the subscriptions, and lets its billing run at the new time. */
  advance(milliseconds: number): void | Promise<void>;
  close?(): Promise<void>;
}

const ADA = "auth0|ada";
const DAY = 24 * 60 * 60 * 1000;
const plus = (idempotencyKey: string, term: "MONTHLY" | "ANNUAL" = "MONTHLY") =>
  ({ tier: "plus", tierVersion: "v1", term, priceCents: 999, currency: "USD", idempotencyKey }) as const;
const premium = (idempotencyKey: string) => ({
  tier: "premium",
  tierVersion: "v1",
  priceCents: 1999,
  idempotencyKey,
});

/**
 * What every SubscriptionService adapter does, as its callers see it, from a clock at
 * 2026-11-22T09:30:00Z. The target's transport fails every call of `auth0|subs-down` as unavailable
 * (503) and of `auth0|subs-fail` with a 500 (a fault the test puts between client and service).
 */
export function subscriptionServiceContract(adapter: string, open: () => Promise<SubscriptionTarget>): void {
  describe(`SubscriptionService contract on ${adapter}`, () => {
    let target: SubscriptionTarget;
    let service: SubscriptionService;

    beforeEach(async () => {
      target = await open();
      service = target.service;
    });
    afterEach(async () => {
      await target.close?.();
    });

    it("activates: the first period starts now and lasts one term", async () => {
      const monthly = await service.activate(ADA, plus("activate-1"));
      expect(monthly).toMatchObject({ status: "ACTIVE", subscriptionId: expect.any(String) });
      expect(monthly.period).toEqual({
        start: "2026-11-22T09:30:00.000Z",
        end: "2026-12-22T09:30:00.000Z",
        priceCents: 999,
        currency: "USD",
        term: "MONTHLY",
        tier: "plus",
        tierVersion: "v1",
      });
      expect(await service.currentPeriod(ADA)).toEqual(monthly.period);
      const annual = await service.activate("auth0|grace", plus("activate-1", "ANNUAL"));
      expect(annual.period.end).toBe("2027-11-22T09:30:00.000Z");
    });

    it("answers a repeated key with the first result and no second effect", async () => {
      const first = await service.activate(ADA, plus("activate-1"));
      const upgraded = await service.upgrade(ADA, premium("upgrade-1"));
      expect(await service.activate(ADA, plus("activate-1"))).toEqual(first);
      expect(await service.upgrade(ADA, premium("upgrade-1"))).toEqual(upgraded);
      expect((await service.currentPeriod(ADA)).tier).toBe("premium");
    });

    it("renews period after period as time passes", async () => {
      await service.activate(ADA, plus("activate-1"));
      await target.advance(31 * DAY);
      expect(await service.currentPeriod(ADA)).toMatchObject({
        start: "2026-12-22T09:30:00.000Z",
        end: "2027-01-22T09:30:00.000Z",
      });
    });

    it("upgrades at once and downgrades at the renewal on or after `effective`", async () => {
      const { period } = await service.activate(ADA, plus("activate-1"));
      expect((await service.upgrade(ADA, premium("up"))).period).toMatchObject({
        tier: "premium",
        priceCents: 1999,
      });
      const down = await service.downgrade(ADA, { ...plus("down"), effective: period.end });
      expect(down.pendingDowngrade).toEqual({
        tier: "plus",
        tierVersion: "v1",
        priceCents: 999,
        effective: period.end,
      });
      expect((await service.currentPeriod(ADA)).tier).toBe("premium");
      await target.advance(30 * DAY);
      expect(await service.currentPeriod(ADA)).toMatchObject({
        start: period.end,
        tier: "plus",
        priceCents: 999,
      });
    });

    it("pauses and resumes", async () => {
      await service.activate(ADA, plus("activate-1"));
      const paused = await service.pause(ADA, {
        months: 2,
        firstSkippedPayment: "2026-12-22",
        idempotencyKey: "p",
      });
      expect(paused).toMatchObject({
        status: "PAUSED",
        pause: { months: 2, firstSkippedPayment: "2026-12-22" },
      });
      const resumed = await service.resume(ADA, { idempotencyKey: "r" });
      expect(resumed.status).toBe("ACTIVE");
      expect(resumed).not.toHaveProperty("pause");
    });

    it("cancels now, or at the period's end", async () => {
      const { period } = await service.activate(ADA, plus("activate-1"));
      const later = await service.cancel(ADA, {
        effective: "period_end",
        reason: "user_request",
        idempotencyKey: "c",
      });
      expect(later).toMatchObject({ status: "ACTIVE", cancelAt: period.end });
      await service.activate("auth0|grace", plus("activate-1"));
      const now = await service.cancel("auth0|grace", {
        effective: "now",
        reason: "closed",
        idempotencyKey: "c",
      });
      expect(now).toMatchObject({ status: "CANCELLED", period: { end: "2026-11-22T09:30:00.000Z" } });
    });

    it("reactivates with a new subscription whose period starts now", async () => {
      const first = await service.activate(ADA, plus("activate-1"));
      await service.cancel(ADA, { effective: "now", reason: "user_request", idempotencyKey: "c" });
      await target.advance(10 * DAY);
      const again = await service.reactivate(ADA, plus("reactivate-1", "ANNUAL"));
      expect(again.subscriptionId).not.toBe(first.subscriptionId);
      expect(again).toMatchObject({
        status: "ACTIVE",
        period: { start: "2026-12-02T09:30:00.000Z", term: "ANNUAL" },
      });
    });

    it("bills nothing for a user it never saw: NoSubscriptionError (409), and nothing is made", async () => {
      await expect(service.currentPeriod("auth0|new")).rejects.toThrow(NoSubscriptionError);
      await expect(
        service.pause("auth0|new", { months: 1, firstSkippedPayment: "2026-12-22", idempotencyKey: "p" }),
      ).rejects.toThrow(NoSubscriptionError);
      await expect(service.currentPeriod("auth0|new")).rejects.toThrow(NoSubscriptionError);
    });

    it("fails as unavailable (503) or as a broken dependency (502) when the service does", async () => {
      for (const call of [
        (id: string) => service.activate(id, plus("k")),
        (id: string) =>
          service.pause(id, { months: 1, firstSkippedPayment: "2026-12-22", idempotencyKey: "k" }),
        (id: string) => service.resume(id, { idempotencyKey: "k" }),
        (id: string) => service.upgrade(id, premium("k")),
        (id: string) => service.downgrade(id, { ...plus("k"), effective: "2026-12-22T09:30:00.000Z" }),
        (id: string) => service.cancel(id, { effective: "now", reason: "r", idempotencyKey: "k" }),
        (id: string) => service.reactivate(id, plus("k")),
        (id: string) => service.currentPeriod(id),
      ]) {
        await expect(call("auth0|subs-down")).rejects.toThrow(UnavailableError);
        await expect(call("auth0|subs-fail")).rejects.toThrow(DependencyError);
      }
    });
  });
}
