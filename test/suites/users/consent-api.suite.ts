import { beforeEach, describe, expect, it } from "vitest";
import { apiGatewaySourceAddress, nodeSourceAddress } from "../../../src/platform/http/source-address.ts";
import { usersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import {
  TEST_NOW,
  TEST_SOURCE_ADDRESS,
  type TestServicesOptions,
} from "../../../src/users/wiring/test-services.ts";
import { jsonOf } from "../../support/http-client.ts";
import type { JsonResponse } from "../../support/json.ts";
import { ADA, fieldsNamed, termsOfService, withAda } from "./consent-fixtures.ts";

type Services = Awaited<ReturnType<typeof withAda>>;

/** POST /{user_id}/consents as a client sees it, on any table store. */
export function consentApiSuite(adapter: string, store?: TestServicesOptions["store"]): void {
  describe(`Recording consents on ${adapter}`, () => {
    let s: Services;
    const consent = (body: unknown, token = s.ada, path = `${ADA}/consents`) =>
      s.call(path, { method: "POST", token, body });
    const listed = async () => (await jsonOf(s.call(`${ADA}/consents`, { token: s.ada }))).items;

    beforeEach(async () => {
      s = await withAda(store ? { store } : {});
    });

    it("records the consent at server time, from the request's source address", async () => {
      const res = await consent(termsOfService);
      expect(res.status).toBe(201);
      const recorded = {
        user_id: "auth0|ada",
        ...termsOfService,
        sms_active: false,
        agreement_timestamp: TEST_NOW,
        agreement_ip_address: TEST_SOURCE_ADDRESS,
      };
      expect(await res.json()).toEqual(recorded);
      expect(await listed()).toEqual([recorded]);
    });

    it("writes the CONSENT item with the keys of seed 003", async () => {
      await consent({ ...termsOfService, item_id: "plaid-item-1" });
      const sk = `CONSENT#terms_of_service#${TEST_NOW}`;
      const item = await s.store.get(usersTable, { PK: "USERS#auth0|ada", SK: sk });
      expect(item).toMatchObject({
        GSI1PK: sk,
        GSI1SK: "USERS#auth0|ada",
        db_type: "CONSENT",
        user_id: "auth0|ada",
        item_id: "plaid-item-1",
        consent_key: "terms_of_service",
        sms_active: false,
        agreement_timestamp: TEST_NOW,
        agreement_ip_address: TEST_SOURCE_ADDRESS,
        agreement_app_version: "4.12.0",
        agreement_approval_date: "2026-11-22",
      });
      expect(item).not.toHaveProperty("sms_agreement_timestamp");
    });

    it("timestamps an SMS consent by the server too", async () => {
      const res = await consent({ ...termsOfService, consent_key: "sms", sms_active: true });
      expect(await res.json()).toMatchObject({ sms_active: true, sms_agreement_timestamp: TEST_NOW });
    });

    it("refuses an agreement_ip_address in the body, and records nothing", async () => {
      const res = await consent({ ...termsOfService, agreement_ip_address: "10.0.0.1" });
      expect(res.status).toBe(400);
      expect((await res.json()).detail).toMatch(/agreement_ip_address is taken from the request/);
      expect(await listed()).toEqual([]);
    });

    it.each([
      ["consent_key", { consent_key: "Terms-Of-Service" }],
      ["consent_key", { consent_key: "" }],
      ["consent_key", { consent_key: `a${"b".repeat(64)}` }],
      ["agreement_app_version", { agreement_app_version: "4 12" }],
      ["agreement_app_version", { agreement_app_version: undefined }],
      ["agreement_approval_date", { agreement_approval_date: "22/11/2026" }],
      ["agreement_approval_date", { agreement_approval_date: "2026-02-30" }],
      ["agreement_approval_date", { agreement_approval_date: "2026-11-24" }],
      ["sms_active", { sms_active: "yes" }],
      ["item_id", { item_id: "" }],
    ])("answers 400 naming %s for %j, and records nothing", async (field, change) => {
      const res = await consent({ ...termsOfService, ...change });
      expect(res.status).toBe(400);
      expect(await fieldsNamed(res)).toEqual([field]);
      expect(await listed()).toEqual([]);
    });

    it("accepts an approval date that is already today in a time zone ahead of UTC", async () => {
      s.clock.set("2026-11-22T23:00:00.000Z");
      const late = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
      const res = await consent({ ...termsOfService, agreement_approval_date: "2026-11-23" }, late);
      expect(res.status).toBe(201);
    });

    it("keeps both of two consents of one key in one millisecond, the second a millisecond later", async () => {
      expect((await consent(termsOfService)).status).toBe(201);
      const second = await consent({ ...termsOfService, agreement_app_version: "4.12.1" });
      expect(second.status).toBe(201);
      expect((await second.json()).agreement_timestamp).toBe("2026-11-22T09:30:00.001Z");
      const versions = (await listed()).map(
        (c: { agreement_app_version: string }) => c.agreement_app_version,
      );
      expect(versions).toEqual(["4.12.1", "4.12.0"]);
    });

    it("answers 409 when the next four milliseconds are taken too, and overwrites nothing", async () => {
      for (let i = 0; i < 5; i++) expect((await consent(termsOfService)).status).toBe(201);
      const sixth = await consent({ ...termsOfService, agreement_app_version: "9.9.9" });
      expect(sixth.status).toBe(409);
      const versions = (await listed()).map(
        (c: { agreement_app_version: string }) => c.agreement_app_version,
      );
      expect(versions).toEqual(Array(5).fill("4.12.0"));
    });

    it("lets a service record one, and refuses another user, an operator and no token", async () => {
      const eve = await s.token({ kind: "user", id: "auth0|eve", mfa: true });
      expect((await consent(termsOfService, s.service)).status).toBe(201);
      expect((await consent(termsOfService, eve)).status).toBe(403);
      expect((await consent(termsOfService, s.operator)).status).toBe(403);
      expect((await s.call(`${ADA}/consents`, { method: "POST", body: termsOfService })).status).toBe(401);
    });

    it("answers 404 for an unknown user", async () => {
      const res = await consent(termsOfService, s.service, "/auth0%7Cnobody/consents");
      expect(res.status).toBe(404);
      expect((await res.json()).detail).toBe("there is no user auth0|nobody");
    });

    describe("the source address", () => {
      const post = async (
        services: Services,
        env: unknown,
        headers: Record<string, string> = {},
      ): Promise<JsonResponse> =>
        services.app.request(
          `${ADA}/consents`,
          {
            method: "POST",
            headers: {
              "content-type": "application/json",
              authorization: `Bearer ${services.ada}`,
              ...headers,
            },
            body: JSON.stringify(termsOfService),
          },
          env,
        );

      it("is the peer of the connection on the local server, whatever X-Forwarded-For says", async () => {
        const local = await withAda({
          ...(store ? { store } : {}),
          overrides: { sourceAddress: nodeSourceAddress },
        });
        const connection = { incoming: { socket: { remoteAddress: "198.51.100.4" } } };
        const res = await post(local, connection, { "x-forwarded-for": "10.9.9.9" });
        expect(res.status).toBe(201);
        expect((await res.json()).agreement_ip_address).toBe("198.51.100.4");
      });

      it("is API Gateway's sourceIp on Lambda", async () => {
        const lambda = await withAda({
          ...(store ? { store } : {}),
          overrides: { sourceAddress: apiGatewaySourceAddress },
        });
        const event = { requestContext: { identity: { sourceIp: "192.0.2.44" } } };
        expect((await (await post(lambda, { event, ...event })).json()).agreement_ip_address).toBe(
          "192.0.2.44",
        );
      });

      it("refuses with 422 when the runtime cannot tell it, and records nothing", async () => {
        const blind = await withAda({
          ...(store ? { store } : {}),
          overrides: { sourceAddress: nodeSourceAddress },
        });
        const res = await post(blind, undefined);
        expect(res.status).toBe(422);
        expect((await res.json()).detail).toMatch(/source address could not be determined/);
        expect((await jsonOf(blind.call(`${ADA}/consents`, { token: blind.ada }))).items).toEqual([]);
      });
    });
  });
}
