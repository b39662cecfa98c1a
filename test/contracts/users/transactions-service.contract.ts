import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { InvalidCursorError } from "../../../src/platform/store/store.errors.ts";
import type { KycSession, TransactionsService } from "../../../src/users/ports/transactions-service.port.ts";

export interface TransactionsTarget {
  readonly service: TransactionsService;
  /** Moves the clock of whatever keeps the sessions. */
  advance(milliseconds: number): void;
  close?(): Promise<void>;
}

const ADA = "auth0|ada";
const request = { provider: "plaid_idv", redirect_uri: "roster://kyc/done" } as const;

/**
 * What every TransactionsService adapter does, as its callers see it. Relies on the sandbox's steering
 * ids (`-noplaid`, `kyc-down`, `kyc-fail`), which the fake service behind the HTTP client honours too.
 */
export function transactionsServiceContract(adapter: string, open: () => Promise<TransactionsTarget>): void {
  describe(`TransactionsService contract on ${adapter}`, () => {
    let target: TransactionsTarget;
    let service: TransactionsService;

    beforeEach(async () => {
      target = await open();
      service = target.service;
    });
    afterEach(async () => {
      await target.close?.();
    });

    const startSessions = async (userId: string, count: number): Promise<KycSession[]> => {
      const sessions: KycSession[] = [];
      for (let i = 0; i < count; i++) {
        sessions.push(await service.startKycSession(userId, request));
        target.advance(1_000);
      }
      return sessions;
    };

    it("lists a user's Plaid items, the same on every call, and none for a user who linked none", async () => {
      const items = await service.listPlaidItems(ADA);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ status: "ACTIVE", item_id: expect.any(String) });
      expect(await service.listPlaidItems(ADA)).toEqual(items);
      expect(await service.listPlaidItems("auth0|bob-noplaid")).toEqual([]);
    });

    it("removes a user's Plaid items once, and only theirs", async () => {
      expect(await service.removePlaidItems(ADA)).toEqual({ removed: 1 });
      expect(await service.listPlaidItems(ADA)).toEqual([]);
      expect(await service.removePlaidItems(ADA)).toEqual({ removed: 0 });
      expect(await service.listPlaidItems("auth0|grace")).toHaveLength(1);
      expect(await service.removePlaidItems("auth0|bob-noplaid")).toEqual({ removed: 0 });
    });

    it("starts a KYC session that is CREATED, opens at the provider and expires later", async () => {
      const session = await service.startKycSession(ADA, request);
      expect(session).toMatchObject({ user_id: ADA, ...request, status: "CREATED" });
      expect(session.kyc_session_id).not.toBe("");
      expect(new URL(session.session_url).protocol).toBe("https:");
      expect(Date.parse(session.expires_at)).toBeGreaterThan(Date.parse(session.created_at));
      expect(await service.listKycSessions(ADA, { limit: 10 })).toEqual({ items: [session] });
    });

    it("lists sessions newest first, a page at a time, with a cursor exactly when more follow", async () => {
      const started = await startSessions(ADA, 5);
      await startSessions("auth0|grace", 1);
      const seen: KycSession[] = [];
      const cursors: (string | undefined)[] = [];
      let cursor: string | undefined;
      do {
        const page = await service.listKycSessions(ADA, { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items);
        cursor = page.next_cursor;
        cursors.push(cursor);
      } while (cursor);
      expect(seen.map((s) => s.kyc_session_id)).toEqual(started.reverse().map((s) => s.kyc_session_id));
      expect(cursors.map((c) => c !== undefined)).toEqual([true, true, false]);
    });

    it("has no next page when the last page is exactly full", async () => {
      await startSessions(ADA, 2);
      const page = await service.listKycSessions(ADA, { limit: 2 });
      expect(page.items).toHaveLength(2);
      expect(page).not.toHaveProperty("next_cursor");
    });

    it("refuses a cursor it did not issue", async () => {
      await startSessions(ADA, 1);
      await expect(service.listKycSessions(ADA, { limit: 2, cursor: "bm90LWEtY3Vyc29y" })).rejects.toThrow(
        InvalidCursorError,
      );
    });

    it("refuses another user's cursor", async () => {
      await startSessions(ADA, 3);
      await startSessions("auth0|bob", 3);
      const { next_cursor } = await service.listKycSessions(ADA, { limit: 2 });
      expect(next_cursor).toEqual(expect.any(String));
      await expect(
        service.listKycSessions("auth0|bob", { limit: 2, cursor: next_cursor as string }),
      ).rejects.toThrow(InvalidCursorError);
    });

    it("reads a session not finished by its expiry as EXPIRED", async () => {
      const session = await service.startKycSession(ADA, request);
      target.advance(Date.parse(session.expires_at) - Date.parse(session.created_at));
      const [listed] = (await service.listKycSessions(ADA, { limit: 1 })).items;
      expect(listed).toEqual({ ...session, status: "EXPIRED" });
    });

    it("fails as unavailable (503) or as a broken dependency (502) when the service does", async () => {
      for (const call of [
        (id: string) => service.listPlaidItems(id),
        (id: string) => service.removePlaidItems(id),
        (id: string) => service.startKycSession(id, request),
        (id: string) => service.listKycSessions(id, { limit: 5 }),
      ]) {
        await expect(call("auth0|kyc-down")).rejects.toThrow(UnavailableError);
        await expect(call("auth0|kyc-fail")).rejects.toThrow(DependencyError);
      }
    });
  });
}
