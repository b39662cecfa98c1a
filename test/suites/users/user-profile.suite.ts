import { beforeEach, describe, expect, it } from "vitest";
import { buildTestServices, type TestServicesOptions } from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

/** Profile changes, history and tags as a client sees them, on any table store. */
export function userProfileSuite(adapter: string, store?: TestServicesOptions["store"]): void {
  describe(`User profile, history and tags on ${adapter}`, () => {
    let s: Services;
    let ada: string;
    let service: string;
    let operator: string;
    const call = httpClient(() => s.app);
    const ADA = "/auth0%7Cada";

    beforeEach(async () => {
      s = await buildTestServices(store ? { store } : {});
      ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
      service = await s.token({ kind: "service", id: "subscriptions" });
      operator = await s.token({ kind: "operator", id: "mx-kim" });
      const body = {
        user_email: "ada@example.com",
        user_phone: "5552017788",
        user_city: "Austin",
        user_state: "TX",
      };
      expect((await call("/users/create", { method: "POST", token: ada, body })).status).toBe(201);
      s.clock.advance(1_000);
    });

    describe("PATCH /{user_id}/user", () => {
      it("writes a new version with the changes, kept in the history", async () => {
        const res = await call(`${ADA}/user`, {
          method: "PATCH",
          token: ada,
          body: { user_city: "Dallas", user_state: null },
        });
        expect(res.status).toBe(200);
        const user = await res.json();
        expect(user).toMatchObject({ user_city: "Dallas", user_date_updated: "2026-11-22T09:30:01.000Z" });
        expect(user).not.toHaveProperty("user_state");
        expect(await jsonOf(call(`${ADA}/user`, { token: service }))).toEqual(user);
        const history = await jsonOf(call(`${ADA}/user/history`, { token: ada }));
        expect(
          history.items.map((v: { event_type: string; user_city: string }) => [v.event_type, v.user_city]),
        ).toEqual([
          ["USER_UPDATED", "Dallas"],
          ["USER_CREATED", "Austin"],
        ]);
        expect(history.next_cursor).toBeUndefined();
      });

      it("keeps who wrote each version: the user themself, an operator, a service", async () => {
        await call(`${ADA}/user`, { method: "PATCH", token: operator, body: { user_city: "Dallas" } });
        s.clock.advance(1_000);
        await call(`${ADA}/tags/is_employee`, { method: "PUT", token: service, body: { tag_value: "true" } });
        const history = await jsonOf(call(`${ADA}/user/history`, { token: ada }));
        expect(history.items.map((v: { user_updated_by: string }) => v.user_updated_by)).toEqual([
          "service:subscriptions",
          "operator:mx-kim",
          "user",
        ]);
        expect((await jsonOf(call(`${ADA}/user`, { token: ada }))).user_updated_by).toBe(
          "service:subscriptions",
        );
      });

      it("moves the email lookup to the new address", async () => {
        await call(`${ADA}/user`, {
          method: "PATCH",
          token: ada,
          body: { user_email: " Ada.New@Example.com" },
        });
        expect((await jsonOf(call("/users?email=ada%40example.com", { token: service }))).items).toEqual([]);
        const found = await jsonOf(call("/users?email=ada.new%40example.com", { token: service }));
        expect(found.items.map((u: { user_id: string }) => u.user_id)).toEqual(["auth0|ada"]);
        expect((await jsonOf(call("/users?phone=5552017788", { token: service }))).items).toHaveLength(1);
      });

      it("writes nothing for a patch that changes nothing", async () => {
        const res = await call(`${ADA}/user`, { method: "PATCH", token: ada, body: { user_city: "Austin" } });
        expect((await res.json()).user_date_updated).toBe("2026-11-22T09:30:00.000Z");
        expect((await jsonOf(call(`${ADA}/user/history`, { token: ada }))).items).toHaveLength(1);
      });

      it("answers 400 for an empty patch, bad fields, and fields it does not change", async () => {
        const bad = async (body: unknown) =>
          (await call(`${ADA}/user`, { method: "PATCH", token: ada, body })).json();
        expect((await bad({})).errors).toEqual([
          { path: "body", message: "name at least one field to change" },
        ]);
        expect((await bad({ user_email: "nope" })).errors.map((e: { path: string }) => e.path)).toEqual([
          "user_email",
        ]);
        expect((await bad({ user_email: null })).status).toBe(400);
        expect((await bad({ user_phone: "5552017788" })).status).toBe(400);
        expect((await bad({ user_status: "ACTIVE" })).status).toBe(400);
        expect((await jsonOf(call(`${ADA}/user/history`, { token: ada }))).items).toHaveLength(1);
      });

      it("answers 403 to another user and 404 for an unknown user", async () => {
        const eve = await s.token({ kind: "user", id: "auth0|eve", mfa: true });
        expect(
          (await call(`${ADA}/user`, { method: "PATCH", token: eve, body: { user_city: "X" } })).status,
        ).toBe(403);
        const unknown = await call("/auth0%7Cnobody/user", {
          method: "PATCH",
          token: operator,
          body: { user_city: "X" },
        });
        expect(unknown.status).toBe(404);
      });

      it("loses neither of two concurrent updates, even within one millisecond", async () => {
        const [a, b] = await Promise.all([
          call(`${ADA}/user`, { method: "PATCH", token: ada, body: { user_first_name: "Ada" } }),
          call(`${ADA}/user`, { method: "PATCH", token: service, body: { user_last_name: "Lovelace" } }),
        ]);
        expect([a.status, b.status]).toEqual([200, 200]);
        const user = await jsonOf(call(`${ADA}/user`, { token: ada }));
        expect(user).toMatchObject({ user_first_name: "Ada", user_last_name: "Lovelace" });
        const history = await jsonOf(call(`${ADA}/user/history`, { token: ada }));
        expect(history.items).toHaveLength(3);
        expect(
          new Set(history.items.map((v: { user_date_updated: string }) => v.user_date_updated)).size,
        ).toBe(3);
      });
    });

    describe("GET /{user_id}/user/history", () => {
      it("pages newest first with a cursor, and refuses a cursor it did not issue", async () => {
        for (const city of ["B", "C", "D"]) {
          await call(`${ADA}/user`, { method: "PATCH", token: ada, body: { user_city: city } });
        }
        const first = await jsonOf(call(`${ADA}/user/history?limit=3`, { token: ada }));
        expect(first.items.map((v: { user_city: string }) => v.user_city)).toEqual(["D", "C", "B"]);
        const rest = await jsonOf(
          call(`${ADA}/user/history?limit=3&cursor=${first.next_cursor}`, { token: ada }),
        );
        expect(rest.items.map((v: { user_city: string }) => v.user_city)).toEqual(["Austin"]);
        expect(rest.next_cursor).toBeUndefined();
        const bad = await call(`${ADA}/user/history?cursor=bm9wZQ`, { token: ada });
        expect(bad.status).toBe(400);
        expect((await bad.json()).errors[0].path).toBe("query.cursor");
        expect((await call(`${ADA}/user/history?limit=0`, { token: ada })).status).toBe(400);
      });
    });

    describe("tags", () => {
      const put = (name: string, value: string, token = service) =>
        call(`${ADA}/tags/${name}`, { method: "PUT", token, body: { tag_value: value } });

      it("adds a tag: the TAG item and the user's tags map agree", async () => {
        const res = await put("PAUSE_SUB_DISABLED", "true");
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({
          tag_name: "PAUSE_SUB_DISABLED",
          tag_value: "true",
          tag_archived: false,
          added_on: "2026-11-22T09:30:01.000Z",
        });
        const user = await jsonOf(call(`${ADA}/user`, { token: ada }));
        const listed = await jsonOf(call(`${ADA}/tags`, { token: ada }));
        expect(listed.items.map((t: { tag_name: string }) => t.tag_name)).toEqual([
          "PAUSE_SUB_DISABLED",
          "START_DATE",
        ]);
        for (const tag of listed.items) expect(user.tags[tag.tag_name]).toEqual(tag);
      });

      it("archives a tag, keeping its value; archiving again changes nothing; an unknown tag is 404", async () => {
        await put("campaign", "spring");
        const archived = await jsonOf(call(`${ADA}/tags/campaign`, { method: "DELETE", token: operator }));
        expect(archived).toMatchObject({ tag_value: "spring", tag_archived: true });
        const again = await call(`${ADA}/tags/campaign`, { method: "DELETE", token: operator });
        expect(await again.json()).toEqual(archived);
        expect((await jsonOf(call(`${ADA}/user`, { token: ada }))).tags.campaign).toEqual(archived);
        expect((await call(`${ADA}/tags/nothing`, { method: "DELETE", token: operator })).status).toBe(404);
      });

      it("checks the common tags of seed 003", async () => {
        expect((await put("is_employee", "yes")).status).toBe(400);
        expect((await put("MEMBERSHIP_PAUSE_STATUS", "SUB_PAUSED")).status).toBe(200);
        expect((await put("MEMBERSHIP_PAUSE_STATUS", "PAUSED")).status).toBe(400);
        const startDate = await put("START_DATE", "2020-01-01T00:00:00Z");
        expect(startDate.status).toBe(422);
        expect((await startDate.json()).detail).toBe("START_DATE is written only by the signup flow");
        expect((await put("is_military", "true")).status).toBe(422);
        expect((await call(`${ADA}/tags/START_DATE`, { method: "DELETE", token: operator })).status).toBe(
          422,
        );
        const badName = await put("1st", "x");
        expect((await badName.json()).errors).toEqual([expect.objectContaining({ path: "tag_name" })]);
        expect((await put("note", "x".repeat(257))).status).toBe(400);
      });

      it("lets services and operators write tags; users only read their own", async () => {
        expect((await put("campaign", "x", ada)).status).toBe(403);
        expect((await put("campaign", "x", operator)).status).toBe(200);
        const eve = await s.token({ kind: "user", id: "auth0|eve", mfa: true });
        expect((await call(`${ADA}/tags`, { token: eve })).status).toBe(403);
        expect((await call("/auth0%7Cnobody/tags", { token: service })).status).toBe(404);
      });

      it("keeps both of two concurrent tag writes", async () => {
        const [a, b] = await Promise.all([put("a_tag", "1"), put("b_tag", "2")]);
        expect([a.status, b.status]).toEqual([200, 200]);
        const user = await jsonOf(call(`${ADA}/user`, { token: ada }));
        expect(Object.keys(user.tags).sort()).toEqual(["START_DATE", "a_tag", "b_tag"]);
        const listed = await jsonOf(call(`${ADA}/tags`, { token: ada }));
        expect(listed.items).toHaveLength(3);
      });
    });
  });
}
