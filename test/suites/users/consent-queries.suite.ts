import { beforeEach, describe, expect, it } from "vitest";
import { TEST_NOW, type TestServicesOptions } from "../../../src/users/wiring/test-services.ts";
import { jsonOf } from "../../support/http-client.ts";
import type { Json } from "../../support/json.ts";
import { ADA, fieldsNamed, termsOfService, withAda } from "./consent-fixtures.ts";

type Services = Awaited<ReturnType<typeof withAda>>;

const keysAndTimes = (page: Json): string[] =>
  page.items.map(
    (c: { consent_key: string; agreement_timestamp: string }) =>
      `${c.consent_key}@${c.agreement_timestamp.slice(11, 19)}`,
  );

/** GET /{user_id}/consents and the consent-first lookup, as a client sees them, on any table store. */
export function consentQueriesSuite(adapter: string, store?: TestServicesOptions["store"]): void {
  describe(`Listing and looking up consents on ${adapter}`, () => {
    let s: Services;
    const consent = async (consent_key: string, token = s.ada, path = `${ADA}/consents`) => {
      const res = await s.call(path, { method: "POST", token, body: { ...termsOfService, consent_key } });
      expect(res.status).toBe(201);
      s.clock.advance(1_000);
    };

    beforeEach(async () => {
      s = await withAda(store ? { store } : {});
    });

    describe("GET /{user_id}/consents", () => {
      it("lists the consents of every key, newest first", async () => {
        await consent("terms_of_service");
        await consent("sms");
        await consent("terms_of_service");
        const page = await jsonOf(s.call(`${ADA}/consents`, { token: s.ada }));
        expect(keysAndTimes(page)).toEqual([
          "terms_of_service@09:30:02",
          "sms@09:30:01",
          "terms_of_service@09:30:00",
        ]);
        expect(page.next_cursor).toBeUndefined();
      });

      it("pages with limit and cursor, next_cursor absent on the last page", async () => {
        for (const key of ["a", "b", "c", "d", "e"]) await consent(key);
        const seen: string[] = [];
        let cursor: string | undefined;
        const pages: number[] = [];
        do {
          const query = `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
          const page = await jsonOf(s.call(`${ADA}/consents?${query}`, { token: s.ada }));
          seen.push(...page.items.map((c: { consent_key: string }) => c.consent_key));
          pages.push(page.items.length);
          cursor = page.next_cursor;
        } while (cursor);
        expect(pages).toEqual([2, 2, 1]);
        expect(seen).toEqual(["e", "d", "c", "b", "a"]);
      });

      it("answers 400 naming cursor for a cursor it did not issue, and limit when out of range", async () => {
        await consent("sms");
        const bad = await s.call(`${ADA}/consents?cursor=not-a-cursor`, { token: s.ada });
        expect(bad.status).toBe(400);
        expect(await fieldsNamed(bad)).toEqual(["query.cursor"]);
        for (const limit of ["0", "101", "two"]) {
          const res = await s.call(`${ADA}/consents?limit=${limit}`, { token: s.ada });
          expect(await fieldsNamed(res)).toEqual(["query.limit"]);
        }
      });

      it("serves services and operators, and 403 to another user", async () => {
        await consent("sms");
        const eve = await s.token({ kind: "user", id: "auth0|eve", mfa: true });
        expect((await s.call(`${ADA}/consents`, { token: s.service })).status).toBe(200);
        expect((await s.call(`${ADA}/consents`, { token: s.operator })).status).toBe(200);
        const refused = await s.call(`${ADA}/consents`, { token: eve });
        expect(refused.status).toBe(403);
        expect((await refused.json()).detail).toBe("a user may act only on their own records");
      });

      it("answers 404 for an unknown user", async () => {
        expect((await s.call("/auth0%7Cnobody/consents", { token: s.service })).status).toBe(404);
      });
    });

    describe("GET /consents/{consent_key}/{timestamp}", () => {
      it("finds the consent and its user through the reverse index", async () => {
        await consent("sms");
        const page = await jsonOf(s.call(`/consents/sms/${TEST_NOW}`, { token: s.service }));
        expect(page.items).toEqual([expect.objectContaining({ user_id: "auth0|ada", consent_key: "sms" })]);
        const encoded = `/consents/sms/${encodeURIComponent(TEST_NOW)}`;
        expect((await s.call(encoded, { token: s.operator })).status).toBe(200);
      });

      it("finds every user who agreed in that millisecond", async () => {
        const grace = await s.token({ kind: "user", id: "auth0|grace", mfa: true });
        const body = { user_email: "grace@example.com" };
        expect((await s.call("/users/create", { method: "POST", token: grace, body })).status).toBe(201);
        await consent("sms");
        s.clock.set(TEST_NOW);
        await consent("sms", grace, "/auth0%7Cgrace/consents");
        const page = await jsonOf(s.call(`/consents/sms/${TEST_NOW}?limit=1`, { token: s.service }));
        const next = await jsonOf(
          s.call(`/consents/sms/${TEST_NOW}?limit=1&cursor=${page.next_cursor}`, { token: s.service }),
        );
        const users = [...page.items, ...next.items].map((c: { user_id: string }) => c.user_id).sort();
        expect(users).toEqual(["auth0|ada", "auth0|grace"]);
        expect(next.next_cursor).toBeUndefined();
      });

      it("answers 404 when nobody agreed to that key at that time", async () => {
        await consent("sms");
        const res = await s.call("/consents/sms/2026-11-22T09:30:00.001Z", { token: s.service });
        expect(res.status).toBe(404);
        expect((await res.json()).detail).toBe("there is no sms consent at 2026-11-22T09:30:00.001Z");
      });

      it("answers 400 naming a malformed key or timestamp", async () => {
        const badKey = await s.call(`/consents/SMS/${TEST_NOW}`, { token: s.service });
        expect(await fieldsNamed(badKey)).toEqual(["param.consent_key"]);
        const badTime = await s.call("/consents/sms/2026-11-22T09:30:00Z", { token: s.service });
        expect(await fieldsNamed(badTime)).toEqual(["param.timestamp"]);
        const noSuchDay = await s.call("/consents/sms/2026-02-30T09:30:00.000Z", { token: s.service });
        expect(await fieldsNamed(noSuchDay)).toEqual(["param.timestamp"]);
      });

      it("refuses users, even the one who agreed", async () => {
        await consent("sms");
        const res = await s.call(`/consents/sms/${TEST_NOW}`, { token: s.ada });
        expect(res.status).toBe(403);
        expect((await s.call(`/consents/sms/${TEST_NOW}`)).status).toBe(401);
      });
    });
  });
}
