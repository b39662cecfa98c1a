import { beforeEach, describe, expect, it } from "vitest";
import { buildTestServices, type TestServicesOptions } from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";
import type { Json } from "../../support/json.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

const A_DAY_MS = 24 * 60 * 60 * 1000;
const ADA = "/auth0%7Cada";
const BOB = "/auth0%7Cbob";

/**
 * Issue 11, finding 6, as a client sees it: a list's `next_cursor` pages through that list only, for a
 * day, and says nothing of the table behind it; `limit` is decimal digits or a 400.
 */
export function pageCursorsSuite(adapter: string, store?: TestServicesOptions["store"]): void {
  describe(`page cursors and integer query parameters on ${adapter}`, () => {
    let s: Services;
    let operator: string;
    const call = httpClient(() => s.app);
    const get = (path: string) => call(path, { token: operator });

    beforeEach(async () => {
      s = await buildTestServices(store ? { store } : {});
      operator = await s.token({ kind: "operator", id: "mx-kim" });
      for (const user of ["auth0|ada", "auth0|bob"]) {
        const token = await s.token({ kind: "user", id: user, mfa: true });
        const email = `${user.slice("auth0|".length)}@example.com`;
        expect(
          (await call("/users/create", { method: "POST", token, body: { user_email: email } })).status,
        ).toBe(201);
        const path = `/${encodeURIComponent(user)}`;
        for (const city of ["Austin", "Boston", "Chicago", "Denver"]) {
          s.clock.advance(1_000);
          expect(
            (await call(`${path}/user`, { method: "PATCH", token, body: { user_city: city } })).status,
          ).toBe(200);
        }
        for (const tag of ["alpha", "beta", "gamma"]) {
          const put = await call(`${path}/tags/${tag}`, {
            method: "PUT",
            token: operator,
            body: { tag_value: "x" },
          });
          expect(put.status).toBe(200);
        }
      }
    });

    /** The second page's cursor of Ada's history, two versions a page. */
    async function adasCursor(): Promise<string> {
      const first = await jsonOf(get(`${ADA}/user/history?limit=2`));
      expect(first.next_cursor).toEqual(expect.any(String));
      return first.next_cursor;
    }

    async function expectRefused(path: string, detail?: string): Promise<void> {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const problem: Json = await res.json();
      expect(problem.errors).toEqual([{ path: "query.cursor", message: expect.any(String) }]);
      if (detail) expect(problem.detail).toContain(detail);
    }

    it("pages through every item of a list with its own cursors", async () => {
      const seen: Json[] = [];
      let cursor: string | undefined;
      do {
        const page = await jsonOf(get(`${ADA}/user/history?limit=2${cursor ? `&cursor=${cursor}` : ""}`));
        seen.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor);
      const whole = await jsonOf(get(`${ADA}/user/history?limit=100`));
      expect(whole.next_cursor).toBeUndefined();
      expect(seen).toEqual(whole.items);
      // Sign-up, four changes and three tags (each tag is a new version of the user record).
      expect(seen).toHaveLength(8);
    });

    it("refuses another user's cursor on the same list, instead of answering page 1", async () => {
      await expectRefused(`${BOB}/user/history?limit=2&cursor=${await adasCursor()}`);
    });

    it("refuses a cursor of another list of the same user", async () => {
      const cursor = await adasCursor();
      await expectRefused(`${ADA}/tags?limit=2&cursor=${cursor}`);
      await expectRefused(`${ADA}/memberships?limit=2&cursor=${cursor}`);
      const tags = await jsonOf(get(`${ADA}/tags?limit=2`));
      await expectRefused(`${ADA}/user/history?limit=2&cursor=${tags.next_cursor}`);
    });

    it("refuses a cursor with any one byte changed", async () => {
      const bytes = Buffer.from(await adasCursor(), "base64url");
      for (const at of [0, 5, bytes.length >> 1, bytes.length - 1]) {
        const tampered = Buffer.from(bytes);
        tampered[at] = (tampered[at] as number) ^ 0x01;
        await expectRefused(`${ADA}/user/history?limit=2&cursor=${tampered.toString("base64url")}`);
      }
    });

    it("honours a cursor for a day, then refuses it as expired", async () => {
      const cursor = await adasCursor();
      s.clock.advance(A_DAY_MS - 1_000);
      operator = await s.token({ kind: "operator", id: "mx-kim" });
      expect((await get(`${ADA}/user/history?limit=2&cursor=${cursor}`)).status).toBe(200);
      s.clock.advance(2_000);
      operator = await s.token({ kind: "operator", id: "mx-kim" });
      await expectRefused(`${ADA}/user/history?limit=2&cursor=${cursor}`, "expired");
    });

    it("shows nothing of the table behind the list, even decoded", async () => {
      const cursors = [await adasCursor(), (await jsonOf(get(`${ADA}/tags?limit=2`))).next_cursor as string];
      for (const cursor of cursors) {
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        const decoded = Buffer.from(cursor, "base64url").toString("latin1");
        expect(() => JSON.parse(decoded)).toThrow();
        // Names as JSON would hold them: a bare "PK" turns up in random bytes now and then.
        for (const shown of [cursor, decoded]) {
          for (const name of [
            '"PK"',
            '"SK"',
            '"pk"',
            '"sk"',
            "user_id",
            "USER#",
            "auth0|",
            "VERSION#",
            "TAG#",
          ]) {
            expect(shown, name).not.toContain(name);
          }
        }
      }
    });

    it("takes limit in decimal digits only", async () => {
      for (const limit of ["0x19", "+25", " 25", "1e1", "25.0", "-1", "", "0", "101", "99999999999"]) {
        const res = await get(`${ADA}/user/history?limit=${encodeURIComponent(limit)}`);
        expect(res.status, JSON.stringify(limit)).toBe(400);
        expect((await res.json()).errors).toEqual([{ path: "query.limit", message: expect.any(String) }]);
      }
      for (const limit of ["25", "1", "100", "007"]) {
        expect((await get(`${ADA}/user/history?limit=${limit}`)).status, limit).toBe(200);
      }
      const page = await jsonOf(get(`${ADA}/user/history`));
      expect(page.items).toHaveLength(8);
      expect((await jsonOf(get(`${ADA}/user/history?limit=3`))).items).toHaveLength(3);
    });
  });
}
