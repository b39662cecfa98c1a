import { beforeEach, describe, expect, it } from "vitest";
import { buildTestServices, type TestServicesOptions } from "../../../src/users/wiring/test-services.ts";
import type { JsonResponse } from "../../support/json.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

const signUp = {
  user_email: "  Ada.Lovelace@Example.com ",
  user_first_name: "Ada",
  user_last_name: "Lovelace",
  user_phone: "(555) 201-7788",
  user_city: "Austin",
  user_state: "TX",
  user_zip_code: "78701",
  user_app_platform: "ios",
};

/** The HTTP slice as a client sees it, on any table store. */
export function userApiSuite(adapter: string, store?: TestServicesOptions["store"]): void {
  describe(`User Service HTTP slice on ${adapter}: sign up, read, look up`, () => {
    let s: Services;
    let userToken: string;
    let serviceToken: string;
    const call = async (
      path: string,
      init: { method?: string; token?: string; body?: unknown } = {},
    ): Promise<JsonResponse> => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      const body =
        init.body === undefined || typeof init.body === "string" ? init.body : JSON.stringify(init.body);
      return s.app.request(path, {
        method: init.method ?? "GET",
        headers,
        ...(body === undefined ? {} : { body }),
      });
    };

    beforeEach(async () => {
      s = await buildTestServices(store ? { store } : {});
      userToken = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
      serviceToken = await s.token({ kind: "service", id: "payment-worker" });
    });

    describe("POST /users/create", () => {
      it("signs up the caller: PROCESSING, normalized contact details, START_DATE tag", async () => {
        const res = await call("/users/create", { method: "POST", token: userToken, body: signUp });
        expect(res.status).toBe(201);
        const user = await res.json();
        expect(user).toMatchObject({
          user_id: "auth0|ada",
          user_email: "ada.lovelace@example.com",
          user_phone: "5552017788",
          user_status: "PROCESSING",
          user_date_joined: "2026-11-22T09:30:00.000Z",
          tags: { START_DATE: { tag_value: "2026-11-22T09:30:00.000Z", tag_archived: false } },
        });
        expect(user).not.toHaveProperty("PK");
        const read = await call("/auth0%7Cada/user", { token: userToken });
        expect(await read.json()).toEqual(user);
      });

      it("writes the USER item, the START_DATE tag and the phone record with the keys of seed 003", async () => {
        await call("/users/create", { method: "POST", token: userToken, body: signUp });
        const items = (await s.store.query(usersTableSpec, { partition: "USERS#auth0|ada" })).items;
        expect(items.map((i) => i.SK)).toEqual(["PHONE", "TAG#START_DATE", "USER_INFORMATION#1795339800000"]);
        expect(items[0]).toMatchObject({
          db_type: "PHONE",
          phone_number: "5552017788",
          is_phone_verified: false,
        });
        const claim = await s.store.get(usersTableSpec, { PK: "PHONE#5552017788", SK: "CLAIM" });
        expect(claim).toEqual({
          PK: "PHONE#5552017788",
          SK: "CLAIM",
          db_type: "PHONE_CLAIM",
          user_id: "auth0|ada",
        });
        expect(items[2]).toMatchObject({
          db_type: "USER",
          event_type: "USER_CREATED",
          GSI1PK: "USER_EMAIL#ada.lovelace@example.com",
          GSI2PK: "USER_PHONE#5552017788",
        });
        expect(items[1]).toMatchObject({
          db_type: "TAG",
          tag_name: "START_DATE",
          added_on: "2026-11-22T09:30:00.000Z",
        });
      });

      it("answers 409 when the user already exists, and keeps the first record", async () => {
        await call("/users/create", { method: "POST", token: userToken, body: signUp });
        s.clock.advance(5_000);
        const again = await call("/users/create", {
          method: "POST",
          token: userToken,
          body: { user_email: "x@y.io" },
        });
        expect(again.status).toBe(409);
        expect(again.headers.get("content-type")).toBe("application/problem+json");
        const current = await (await call("/auth0%7Cada/user", { token: userToken })).json();
        expect(current.user_email).toBe("ada.lovelace@example.com");
      });

      it("answers 400 naming every bad field, and writes nothing", async () => {
        const bad = {
          ...signUp,
          user_email: "not-an-email",
          user_phone: "555-201-778",
          user_state: "Texas",
          extra: 1,
        };
        const res = await call("/users/create", { method: "POST", token: userToken, body: bad });
        expect(res.status).toBe(400);
        const problem = await res.json();
        expect(problem).toMatchObject({
          status: 400,
          title: "Bad request",
          type: "https://roster.dev/problems/validation",
        });
        const paths = problem.errors.map((e: { path: string }) => e.path).sort();
        expect(paths).toEqual(["body", "user_email", "user_phone", "user_state"]);
        expect((await call("/auth0%7Cada/user", { token: userToken })).status).toBe(404);
      });

      it("answers 400 for a body that is not JSON", async () => {
        const res = await call("/users/create", { method: "POST", token: userToken, body: "{not json" });
        expect(res.status).toBe(400);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
      });

      it("answers 401 without a token and for a bad one", async () => {
        expect((await call("/users/create", { method: "POST", body: signUp })).status).toBe(401);
        const tampered = `${userToken.slice(0, -4)}AAAA`;
        const res = await call("/users/create", { method: "POST", token: tampered, body: signUp });
        expect(res.status).toBe(401);
      });

      it("answers 401 for an expired token", async () => {
        const token = await s.token({ kind: "user", id: "auth0|ada", mfa: true, ttlSeconds: 60 });
        s.clock.advance(61_000);
        const res = await call("/users/create", { method: "POST", token, body: signUp });
        expect(res.status).toBe(401);
        expect((await res.json()).detail).toBe("the token has expired");
      });

      it("answers 403 saying MFA is needed when the token does not show it", async () => {
        const noMfa = await s.token({ kind: "user", id: "auth0|ada", mfa: false });
        const res = await call("/users/create", { method: "POST", token: noMfa, body: signUp });
        expect(res.status).toBe(403);
        expect((await res.json()).detail).toMatch(/multi-factor/);
      });

      it("answers 403 to a service, which cannot sign up", async () => {
        const res = await call("/users/create", { method: "POST", token: serviceToken, body: signUp });
        expect(res.status).toBe(403);
      });
    });

    describe("GET /{user_id}/user", () => {
      beforeEach(async () => {
        await call("/users/create", { method: "POST", token: userToken, body: signUp });
      });

      it("serves the user to a service and an operator, and 403 to another user", async () => {
        const operator = await s.token({ kind: "operator", id: "mx-kim" });
        const other = await s.token({ kind: "user", id: "auth0|eve", mfa: true });
        expect((await call("/auth0%7Cada/user", { token: serviceToken })).status).toBe(200);
        expect((await call("/auth0%7Cada/user", { token: operator })).status).toBe(200);
        expect((await call("/auth0%7Cada/user", { token: other })).status).toBe(403);
      });

      it("answers 404 for an unknown user", async () => {
        const res = await call("/auth0%7Cnobody/user", { token: serviceToken });
        expect(res.status).toBe(404);
        expect((await res.json()).detail).toBe("there is no user auth0|nobody");
      });
    });

    describe("GET /users?email= and ?phone=", () => {
      beforeEach(async () => {
        await call("/users/create", { method: "POST", token: userToken, body: signUp });
      });

      it("finds the user by email in any case and by phone in any usual format", async () => {
        const byEmail = await call("/users?email=ADA.LOVELACE%40example.com", { token: serviceToken });
        expect((await byEmail.json()).items.map((u: { user_id: string }) => u.user_id)).toEqual([
          "auth0|ada",
        ]);
        const byPhone = await call(`/users?phone=${encodeURIComponent("+1 (555) 201-7788")}`, {
          token: serviceToken,
        });
        expect((await byPhone.json()).items).toHaveLength(1);
        const none = await call("/users?email=nobody%40example.com", { token: serviceToken });
        expect((await none.json()).items).toEqual([]);
      });

      it("answers 400 unless exactly one of email and phone is given, or when it is malformed", async () => {
        expect((await call("/users", { token: serviceToken })).status).toBe(400);
        expect((await call("/users?email=a%40b.io&phone=5552017788", { token: serviceToken })).status).toBe(
          400,
        );
        expect((await call("/users?phone=12", { token: serviceToken })).status).toBe(400);
      });

      it("answers 403 to a user", async () => {
        expect((await call("/users?email=ada.lovelace%40example.com", { token: userToken })).status).toBe(
          403,
        );
      });
    });

    describe("service routes", () => {
      it("reports each store on /health", async () => {
        const res = await call("/health");
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({
          status: "ok",
          stores: { "table-store:user-service-users": { status: "ok" } },
        });
      });

      it("answers unknown routes with a 404 problem", async () => {
        const res = await call("/nowhere/at/all", { token: serviceToken });
        expect(res.status).toBe(404);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
      });

      it("serves the issuer's public keys and the interactive reference", async () => {
        const jwks = await (await call("/.well-known/jwks.json")).json();
        expect(jwks.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", use: "sig" });
        expect(jwks.keys[0]).not.toHaveProperty("d");
        const docs = await call("/docs");
        expect(docs.status).toBe(200);
        expect(await docs.text()).toContain("/openapi.json");
      });
    });
  });
}

const usersTableSpec = {
  name: "user-service-users",
  partitionKey: { name: "PK", type: "S" },
  sortKey: { name: "SK", type: "S" },
} as const;
