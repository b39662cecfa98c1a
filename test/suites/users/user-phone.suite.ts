import { beforeEach, describe, expect, it } from "vitest";
import { phoneNumbersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { buildTestServices, type TestServicesOptions } from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

/** Phone numbers as a client sees them, and the legacy table they are copied to, on any table store. */
export function userPhoneSuite(adapter: string, store?: TestServicesOptions["store"]): void {
  describe(`Phone numbers on ${adapter}`, () => {
    let s: Services;
    const call = httpClient(() => s.app);
    const token: Record<string, string> = {};
    const signUp = (who: string, phone?: string) =>
      call("/users/create", {
        method: "POST",
        token: token[who],
        body: { user_email: `${who}@example.com`, ...(phone ? { user_phone: phone } : {}) },
      });
    const setPhone = (who: string, phone: string, as = who) =>
      call(`/auth0%7C${who}/phone`, { method: "PUT", token: token[as], body: { phone_number: phone } });
    const legacy = (who: string) => s.store.get(phoneNumbersTable, { user_id: `auth0|${who}` });

    beforeEach(async () => {
      s = await buildTestServices(store ? { store } : {});
      for (const who of ["ada", "bob", "eve"])
        token[who] = await s.token({ kind: "user", id: `auth0|${who}`, mfa: true });
      token.service = await s.token({ kind: "service", id: "otp" });
      expect((await signUp("ada", "(555) 201-7788")).status).toBe(201);
    });

    it("records the sign-up's number, unverified and opted in, in both tables", async () => {
      const record = await jsonOf(call("/auth0%7Cada/phone", { token: token.ada }));
      expect(record).toEqual({
        user_id: "auth0|ada",
        phone_number: "5552017788",
        last_updated: "2026-11-22T09:30:00.000Z",
        is_opted_out: false,
        is_phone_verified: false,
      });
      expect(await legacy("ada")).toEqual(record);
    });

    it("refuses a number another user holds, at sign-up and later, without saying who holds it", async () => {
      const refused = await signUp("bob", "555-201-7788");
      expect(refused.status).toBe(409);
      expect((await refused.json()).detail).toBe("this phone number is held by another user");
      expect((await call("/auth0%7Cbob/user", { token: token.bob })).status).toBe(404);
      expect((await signUp("bob")).status).toBe(201);
      const taken = await setPhone("bob", "5552017788");
      expect(taken.status).toBe(409);
      expect(JSON.stringify(await taken.json())).not.toContain("ada");
      expect((await call("/auth0%7Cbob/phone", { token: token.bob })).status).toBe(404);
    });

    it("moves the number: user_phone, lookups and the legacy copy follow, and the old number is free", async () => {
      s.clock.advance(1_000);
      const moved = await setPhone("ada", "+1 555 300 4000");
      expect(moved.status).toBe(200);
      expect(await moved.json()).toMatchObject({ phone_number: "5553004000", is_phone_verified: false });
      expect((await jsonOf(call("/auth0%7Cada/user", { token: token.ada }))).user_phone).toBe("5553004000");
      expect((await jsonOf(call("/users?phone=5552017788", { token: token.service }))).items).toEqual([]);
      expect((await jsonOf(call("/users?phone=5553004000", { token: token.service }))).items).toHaveLength(1);
      expect(await legacy("ada")).toMatchObject({ phone_number: "5553004000" });
      expect((await signUp("bob", "5552017788")).status).toBe(201);
    });

    it("lets exactly one of two users racing for a free number have it", async () => {
      await signUp("bob");
      await signUp("eve");
      const results = await Promise.all([setPhone("bob", "5559990000"), setPhone("eve", "5559990000")]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const holders = await jsonOf(call("/users?phone=5559990000", { token: token.service }));
      expect(holders.items).toHaveLength(1);
    });

    it("repeats nothing but the legacy copy when the number is set again", async () => {
      expect((await setPhone("ada", "5552017788")).status).toBe(200);
      expect((await jsonOf(call("/auth0%7Cada/user/history", { token: token.ada }))).items).toHaveLength(1);
    });

    it("is verified by a service, never by the user; a new number starts unverified again", async () => {
      const verify = (as: string) => call("/auth0%7Cada/phone/verify", { method: "POST", token: token[as] });
      expect((await verify("ada")).status).toBe(403);
      expect(await jsonOf(verify("service"))).toMatchObject({ is_phone_verified: true });
      expect(await legacy("ada")).toMatchObject({ is_phone_verified: true });
      await setPhone("ada", "5553004000");
      expect(await jsonOf(call("/auth0%7Cada/phone", { token: token.ada }))).toMatchObject({
        is_phone_verified: false,
      });
    });

    it("takes the user's SMS opt-out and back in", async () => {
      const optOut = (value: unknown) =>
        call("/auth0%7Cada/phone/opt-out", {
          method: "POST",
          token: token.ada,
          body: { is_opted_out: value },
        });
      expect(await jsonOf(optOut(true))).toMatchObject({ is_opted_out: true });
      expect(await legacy("ada")).toMatchObject({ is_opted_out: true });
      expect(await jsonOf(optOut(false))).toMatchObject({ is_opted_out: false });
      expect((await optOut("yes")).status).toBe(400);
    });

    it("answers 400 for a bad number, 403 for another user, 404 without a number", async () => {
      const bad = await setPhone("ada", "555-201");
      expect((await bad.json()).errors).toEqual([expect.objectContaining({ path: "phone_number" })]);
      expect((await setPhone("ada", "5553004000", "eve")).status).toBe(403);
      await signUp("bob");
      expect((await call("/auth0%7Cbob/phone", { token: token.bob })).status).toBe(404);
      expect((await call("/auth0%7Cbob/phone/verify", { method: "POST", token: token.service })).status).toBe(
        404,
      );
    });
  });
}
