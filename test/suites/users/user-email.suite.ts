import { beforeEach, describe, expect, it } from "vitest";
import { toUserItem } from "../../../src/users/adapters/dynamodb/user.mapper.ts";
import { usersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import {
  buildTestServices,
  TEST_NOW,
  type TestServicesOptions,
} from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

/** Emails are one user's each (issue 11, finding 7), on any table store. */
export function userEmailSuite(adapter: string, store?: TestServicesOptions["store"]): void {
  describe(`Unique emails on ${adapter}`, () => {
    let s: Services;
    const call = httpClient(() => s.app);
    const tokens = new Map<string, string>();
    let service: string;
    const tokenOf = async (who: string) => {
      const known = tokens.get(who);
      if (known) return known;
      const token = await s.token({ kind: "user", id: `auth0|${who}`, mfa: true });
      tokens.set(who, token);
      return token;
    };
    const signUp = async (who: string, email: string) =>
      call("/users/create", { method: "POST", token: await tokenOf(who), body: { user_email: email } });
    const patch = async (who: string, body: object) =>
      call(`/auth0%7C${who}/user`, { method: "PATCH", token: await tokenOf(who), body });
    const holders = async (email: string) =>
      (await jsonOf(call(`/users?email=${encodeURIComponent(email)}`, { token: service }))).items.map(
        (u: { user_id: string }) => u.user_id,
      );
    const history = async (who: string) =>
      (await jsonOf(call(`/auth0%7C${who}/user/history`, { token: service }))).items;

    beforeEach(async () => {
      tokens.clear();
      s = await buildTestServices(store ? { store } : {});
      service = await s.token({ kind: "service", id: "payment-worker" });
    });

    it("lets exactly one of 50 concurrent sign-ups with one email have it; the 409s never name the winner", async () => {
      const who = Array.from({ length: 50 }, (_, i) => `racer${i}`);
      for (const name of who) await tokenOf(name);

      const answers = await Promise.all(who.map((name) => signUp(name, "Shared@Example.com")));

      const statuses = answers.map((res) => res.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      const winner = who[statuses.indexOf(201)] ?? "";
      for (const res of answers.filter((r) => r.status === 409)) {
        const body = await res.text();
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(JSON.parse(body).detail).toBe("this email address is held by another user");
        expect(body).not.toContain(winner);
      }
      expect(await holders("shared@example.com")).toEqual([`auth0|${winner}`]);
    });

    it("refuses an email another user holds in any case or with spaces around it, and writes nothing", async () => {
      expect((await signUp("ada", "ada@example.com")).status).toBe(201);

      const refused = await signUp("bob", "  ADA@example.com ");

      expect(refused.status).toBe(409);
      expect((await call("/auth0%7Cbob/user", { token: service })).status).toBe(404);
      expect(await holders("ada@example.com")).toEqual(["auth0|ada"]);
      expect((await signUp("bob", "bob@example.com")).status).toBe(201);
    });

    it("answers 409 to a profile update to a taken email, changing nothing", async () => {
      await signUp("ada", "ada@example.com");
      await signUp("bob", "bob@example.com");
      const before = await history("bob");

      const res = await patch("bob", { user_email: "Ada@Example.com", user_city: "Austin" });

      expect(res.status).toBe(409);
      const body = await res.text();
      expect(body).not.toContain("auth0|ada");
      expect(body).not.toContain("ada@example.com");
      expect(await history("bob")).toEqual(before);
      expect(await holders("ada@example.com")).toEqual(["auth0|ada"]);
      expect(await holders("bob@example.com")).toEqual(["auth0|bob"]);
    });

    it("frees the old email when a user moves to another, for anyone to take", async () => {
      await signUp("ada", "ada@example.com");
      s.clock.advance(1_000);

      expect((await patch("ada", { user_email: "countess@example.com" })).status).toBe(200);

      expect((await signUp("bob", "ada@example.com")).status).toBe(201);
      expect(await holders("ada@example.com")).toEqual(["auth0|bob"]);
      expect(await holders("countess@example.com")).toEqual(["auth0|ada"]);
      s.clock.advance(1_000);
      expect((await patch("ada", { user_email: "ada@example.com" })).status).toBe(409);
      expect((await patch("ada", { user_email: "countess@example.com", user_city: "London" })).status).toBe(
        200,
      );
    });

    it("reads users who shared an email before the rule, and lets no one else take it", async () => {
      // Two users of one address with no claim: data written before emails were claimed.
      for (const who of ["old1", "old2"]) {
        const user = {
          user_id: `auth0|${who}`,
          user_email: "shared@example.com",
          user_status: "PROCESSING",
          user_date_joined: TEST_NOW,
          user_date_updated: TEST_NOW,
          tags: {},
        };
        await s.store.put(usersTable, toUserItem(user as never, "USER_CREATED"));
      }

      expect((await call("/auth0%7Cold1/user", { token: service })).status).toBe(200);
      expect((await holders("shared@example.com")).sort()).toEqual(["auth0|old1", "auth0|old2"]);
      expect((await signUp("eve", "shared@example.com")).status).toBe(409);
      s.clock.advance(1_000);
      expect((await patch("old1", { user_city: "Austin" })).status).toBe(200);
      expect((await patch("old2", { user_email: "old2@example.com" })).status).toBe(200);
      expect(await holders("shared@example.com")).toEqual(["auth0|old1"]);
      expect((await signUp("eve", "old2@example.com")).status).toBe(409);
    });
  });
}
