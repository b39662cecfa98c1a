import { beforeEach, describe, expect, it } from "vitest";
import { BalanceSettingsStoreRepository } from "../../../src/users/adapters/dynamodb/balance-settings-store.repository.ts";
import { balanceSettingsTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import {
  buildTestServices,
  TEST_NOW,
  type TestServicesOptions,
} from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";
import type { JsonResponse } from "../../support/json.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

const fieldsNamed = async (res: JsonResponse): Promise<string[]> =>
  ((await res.json()).errors ?? []).map((e: { path: string }) => e.path);

/** GET / PUT /{user_id}/balance-settings as a client sees them, on any table store. */
export function balanceSettingsApiSuite(adapter: string, store?: TestServicesOptions["store"]): void {
  describe(`Balance settings on ${adapter}`, () => {
    let s: Services;
    let ada: string;
    const call = httpClient(() => s.app);
    const SETTINGS = "/auth0%7Cada/balance-settings";
    const put = (low_balance_alert: unknown, token = ada) =>
      call(SETTINGS, { method: "PUT", token, body: { low_balance_alert } });

    beforeEach(async () => {
      s = await buildTestServices(store ? { store } : {});
      ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
      const body = { user_email: "ada@example.com" };
      expect((await call("/users/create", { method: "POST", token: ada, body })).status).toBe(201);
    });

    it("answers 404 until the alert is set: there is no default", async () => {
      const res = await call(SETTINGS, { token: ada });
      expect(res.status).toBe(404);
      expect((await res.json()).detail).toMatch(/has no balance settings yet/);
    });

    it("sets the alert in cents and serves it back", async () => {
      const res = await put(5000);
      expect(res.status).toBe(200);
      const settings = {
        user_id: "auth0|ada",
        low_balance_alert: 5000,
        created_at: TEST_NOW,
        updated_at: TEST_NOW,
      };
      expect(await res.json()).toEqual(settings);
      expect(await jsonOf(call(SETTINGS, { token: ada }))).toEqual(settings);
    });

    it("keeps created_at from the first write across updates", async () => {
      await put(5000);
      s.clock.advance(60_000);
      const res = await put(2500);
      expect(await res.json()).toEqual({
        user_id: "auth0|ada",
        low_balance_alert: 2500,
        created_at: TEST_NOW,
        updated_at: "2026-11-22T09:31:00.000Z",
      });
      expect((await jsonOf(call(SETTINGS, { token: ada }))).created_at).toBe(TEST_NOW);
    });

    it("writes the legacy table's record with the attributes of seed 003", async () => {
      await put(5000);
      expect(await s.store.get(balanceSettingsTable, { user_id: "auth0|ada" })).toEqual({
        user_id: "auth0|ada",
        created_at: TEST_NOW,
        low_balance_alert: 5000,
        updated_at: TEST_NOW,
      });
    });

    it("keeps one created_at when first writes race", async () => {
      const settings = new BalanceSettingsStoreRepository(s.store);
      const [a, b] = await Promise.all([
        settings.save("auth0|bob", 100, "2026-11-22T10:00:00.000Z"),
        settings.save("auth0|bob", 200, "2026-11-22T10:00:01.000Z"),
      ]);
      expect(a.created_at).toBe(b.created_at);
      const stored = await settings.get("auth0|bob");
      expect(stored?.created_at).toBe(a.created_at);
      expect([100, 200]).toContain(stored?.low_balance_alert);
    });

    it("accepts the bounds 0 and 1,000,000 cents ($10,000)", async () => {
      expect((await put(0)).status).toBe(200);
      expect((await put(1_000_000)).status).toBe(200);
    });

    it.each([
      ["a negative amount", -1],
      ["more than $10,000", 1_000_001],
      ["fractions of a cent", 12.5],
      ["a string", "5000"],
      ["null", null],
    ])("answers 400 naming low_balance_alert for %s, and keeps the settings", async (_, value) => {
      await put(5000);
      const res = await put(value);
      expect(res.status).toBe(400);
      expect(await fieldsNamed(res)).toEqual(["low_balance_alert"]);
      expect((await jsonOf(call(SETTINGS, { token: ada }))).low_balance_alert).toBe(5000);
    });

    it("answers 400 for a missing alert and for fields it does not know", async () => {
      const missing = await call(SETTINGS, { method: "PUT", token: ada, body: {} });
      expect(await fieldsNamed(missing)).toEqual(["low_balance_alert"]);
      const body = { low_balance_alert: 5000, created_at: "2020-01-01T00:00:00.000Z" };
      const extra = await call(SETTINGS, { method: "PUT", token: ada, body });
      expect(extra.status).toBe(400);
      expect((await extra.json()).detail).toMatch(/created_at/);
    });

    it("serves and sets the alert for services and operators, and 403 to another user", async () => {
      const service = await s.token({ kind: "service", id: "payments" });
      const operator = await s.token({ kind: "operator", id: "mx-kim" });
      const eve = await s.token({ kind: "user", id: "auth0|eve", mfa: true });
      expect((await put(5000, service)).status).toBe(200);
      expect((await put(6000, operator)).status).toBe(200);
      expect((await call(SETTINGS, { token: operator })).status).toBe(200);
      expect((await put(1, eve)).status).toBe(403);
      expect((await call(SETTINGS, { token: eve })).status).toBe(403);
      expect((await call(SETTINGS)).status).toBe(401);
      expect((await jsonOf(call(SETTINGS, { token: ada }))).low_balance_alert).toBe(6000);
    });

    it("answers 404 for an unknown user, and writes nothing", async () => {
      const service = await s.token({ kind: "service", id: "payments" });
      const unknown = "/auth0%7Cnobody/balance-settings";
      const res = await call(unknown, { method: "PUT", token: service, body: { low_balance_alert: 5000 } });
      expect(res.status).toBe(404);
      expect((await res.json()).detail).toBe("there is no user auth0|nobody");
      expect((await call(unknown, { token: service })).status).toBe(404);
      expect(await s.store.get(balanceSettingsTable, { user_id: "auth0|nobody" })).toBeUndefined();
    });
  });
}
