import { beforeEach, describe, expect, it } from "vitest";
import { buildTestServices, type TestServicesOptions } from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

const subject = (ssn: string) => ({
  user_first_name: "Ada",
  user_last_name: "Lovelace",
  date_of_birth: "1990-12-10",
  ssn,
  user_address: "12 Analytical Row",
  user_city: "Austin",
  user_state: "TX",
  user_zip_code: "78701",
});

/** MLA lookups (sandbox Experian) as a client sees them, on any table store. */
export function userMlaSuite(adapter: string, store?: TestServicesOptions["store"]): void {
  describe(`MLA lookups on ${adapter}`, () => {
    let s: Services;
    let ada: string;
    const call = httpClient(() => s.app);
    const lookup = (ssn: string, token = ada) =>
      call("/auth0%7Cada/mla", { method: "POST", token, body: subject(ssn) });

    beforeEach(async () => {
      s = await buildTestServices(store ? { store } : {});
      ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
      await call("/users/create", { method: "POST", token: ada, body: { user_email: "ada@example.com" } });
    });

    it("records a covered borrower and sets is_military, in the tag and the user's tags map", async () => {
      const res = await lookup("401-23-1203");
      expect(res.status).toBe(201);
      const record = await res.json();
      expect(record).toMatchObject({ user_id: "auth0|ada", message_number: "1203", is_military: true });
      expect(record.timestamp).toMatch(/^2026-11-22T09:30:00\.\d{9}Z$/);
      const user = await jsonOf(call("/auth0%7Cada/user", { token: ada }));
      expect(user.tags.is_military).toMatchObject({ tag_value: "true", tag_archived: false });
      const tags = await jsonOf(call("/auth0%7Cada/tags", { token: ada }));
      expect(tags.items.find((t: { tag_name: string }) => t.tag_name === "is_military").tag_value).toBe(
        "true",
      );
      expect((await jsonOf(call("/auth0%7Cada/mla", { token: ada }))).items).toEqual([record]);
    });

    it("records a borrower who is not covered as is_military false", async () => {
      expect(await jsonOf(lookup("401-23-4567"))).toMatchObject({
        message_number: "1205",
        is_military: false,
      });
      expect((await jsonOf(call("/auth0%7Cada/user", { token: ada }))).tags.is_military.tag_value).toBe(
        "false",
      );
    });

    it("keeps every lookup, newest first, even two in one millisecond", async () => {
      await lookup("401-23-4567");
      await lookup("401-23-1203");
      const trail = await jsonOf(call("/auth0%7Cada/mla?limit=1", { token: ada }));
      expect(trail.items.map((r: { message_number: string }) => r.message_number)).toEqual(["1203"]);
      const rest = await jsonOf(call(`/auth0%7Cada/mla?limit=1&cursor=${trail.next_cursor}`, { token: ada }));
      expect(rest.items.map((r: { message_number: string }) => r.message_number)).toEqual(["1205"]);
    });

    it("never stores the SSN or the date of birth", async () => {
      await lookup("401-23-1203");
      const items = (await s.store.query(usersTable, { partition: "USERS#auth0|ada" })).items;
      const stored = JSON.stringify(items);
      expect(stored).not.toContain("401231203");
      expect(stored).not.toContain("401-23-1203");
      expect(stored).not.toContain("1990-12-10");
    });

    it("writes nothing when Experian fails (502) or does not answer (503)", async () => {
      expect((await lookup("401-23-0502")).status).toBe(502);
      expect((await lookup("401-23-0503")).status).toBe(503);
      expect((await jsonOf(call("/auth0%7Cada/mla", { token: ada }))).items).toEqual([]);
      expect((await jsonOf(call("/auth0%7Cada/user/history", { token: ada }))).items).toHaveLength(1);
    });

    it("answers 400 naming bad fields, 403 to another user, 404 for an unknown user", async () => {
      const bad = await call("/auth0%7Cada/mla", {
        method: "POST",
        token: ada,
        body: { ...subject("000-12-3456"), date_of_birth: "2999-01-01" },
      });
      expect((await bad.json()).errors.map((e: { path: string }) => e.path).sort()).toEqual([
        "date_of_birth",
        "ssn",
      ]);
      const eve = await s.token({ kind: "user", id: "auth0|eve", mfa: true });
      expect((await lookup("401-23-1203", eve)).status).toBe(403);
      const service = await s.token({ kind: "service", id: "underwriting" });
      const unknown = await call("/auth0%7Cnobody/mla", {
        method: "POST",
        token: service,
        body: subject("401-23-1203"),
      });
      expect(unknown.status).toBe(404);
    });
  });
}

const usersTable = {
  name: "user-service-users",
  partitionKey: { name: "PK", type: "S" },
  sortKey: { name: "SK", type: "S" },
} as const;
