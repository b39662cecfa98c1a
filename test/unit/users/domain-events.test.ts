import { beforeEach, describe, expect, it } from "vitest";
import { buildTestServices, TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { eventsSince } from "../../suites/users/domain-events.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

const ADA = "auth0|ada";
const mlaSubject = (ssn: string) => ({
  user_first_name: "Ada",
  user_last_name: "Lovelace",
  date_of_birth: "1990-12-10",
  ssn,
  user_address: "12 Analytical Row",
  user_city: "Austin",
  user_state: "TX",
  user_zip_code: "78701",
});

describe("domain events published by the User Service API", () => {
  let s: Services;
  let published: () => { detailType: string; detail: Record<string, unknown> }[];
  const call = httpClient(() => s.app);
  const token: Record<string, string> = {};
  const at = (path: string) => `/auth0%7Cada${path}`;

  beforeEach(async () => {
    s = await buildTestServices();
    token.ada = await s.token({ kind: "user", id: ADA, mfa: true });
    token.bob = await s.token({ kind: "user", id: "auth0|bob", mfa: true });
    token.service = await s.token({ kind: "service", id: "otp" });
    token.operator = await s.token({ kind: "operator", id: "mx" });
    const body = { user_email: "Ada@Example.com", user_phone: "(555) 201-7788", user_app_platform: "ios" };
    expect((await call("/users/create", { method: "POST", token: token.ada, body })).status).toBe(201);
    published = eventsSince(s.bus);
  });

  it("announces a sign-up with UserCreated, without the email and with the phone's last four digits", async () => {
    const all = s.bus.read();
    expect(all.map(({ detailType, detail, time }) => ({ detailType, detail, time }))).toEqual([
      {
        detailType: "UserCreated",
        detail: {
          user_id: ADA,
          user_status: "PROCESSING",
          user_date_joined: TEST_NOW,
          user_app_platform: "ios",
          phone_last4: "7788",
        },
        time: new Date(TEST_NOW),
      },
    ]);
    expect(JSON.stringify(all)).not.toMatch(/example\.com|5552017788/i);
  });

  it("announces nothing for a refused or repeated sign-up (403, 409)", async () => {
    const noMfa = await s.token({ kind: "user", id: "auth0|eve", mfa: false });
    const refused = await call("/users/create", {
      method: "POST",
      token: noMfa,
      body: { user_email: "e@x.io" },
    });
    expect(refused.status).toBe(403);
    const again = await call("/users/create", {
      method: "POST",
      token: token.ada,
      body: { user_email: "a@x.io" },
    });
    expect(again.status).toBe(409);
    expect(published()).toEqual([]);
  });

  it("announces a profile patch with UserUpdated naming the changed fields, not their values", async () => {
    s.clock.advance(1_000);
    const patch = { user_first_name: "Ada", user_email: "ada@lovelace.example" };
    expect((await call(at("/user"), { method: "PATCH", token: token.ada, body: patch })).status).toBe(200);
    expect(published()).toEqual([
      {
        detailType: "UserUpdated",
        detail: {
          user_id: ADA,
          changed_fields: ["user_email", "user_first_name"],
          user_date_updated: "2026-11-22T09:30:01.000Z",
        },
      },
    ]);
    expect((await call(at("/user"), { method: "PATCH", token: token.ada, body: patch })).status).toBe(200);
    expect(published()).toEqual([]);
  });

  it("announces no profile change that failed (400, 403, 404)", async () => {
    expect((await call(at("/user"), { method: "PATCH", token: token.ada, body: {} })).status).toBe(400);
    const other = await call(at("/user"), {
      method: "PATCH",
      token: token.bob,
      body: { user_city: "Paris" },
    });
    expect(other.status).toBe(403);
    const missing = await call("/auth0%7Cbob/user", {
      method: "PATCH",
      token: token.bob,
      body: { user_city: "Paris" },
    });
    expect(missing.status).toBe(404);
    expect(published()).toEqual([]);
  });

  it("announces a tag put and its archiving with UserTagChanged, and no repeat", async () => {
    const tag = at("/tags/is_employee");
    expect(
      (await call(tag, { method: "PUT", token: token.service, body: { tag_value: "true" } })).status,
    ).toBe(200);
    expect(
      (await call(tag, { method: "PUT", token: token.service, body: { tag_value: "true" } })).status,
    ).toBe(200);
    expect((await call(tag, { method: "DELETE", token: token.operator })).status).toBe(200);
    const tagged = { user_id: ADA, tag_name: "is_employee", tag_value: "true", added_on: TEST_NOW };
    expect(published()).toEqual([
      { detailType: "UserTagChanged", detail: { ...tagged, tag_archived: false } },
      { detailType: "UserTagChanged", detail: { ...tagged, tag_archived: true } },
    ]);
  });

  it("announces no tag change that failed (400, 403, 404)", async () => {
    const put = (token_: string | undefined, name: string, value: string) =>
      call(at(`/tags/${name}`), { method: "PUT", token: token_, body: { tag_value: value } });
    expect((await put(token.service, "is_employee", "maybe")).status).toBe(400);
    expect((await put(token.ada, "is_employee", "true")).status).toBe(403);
    expect((await call(at("/tags/never_set"), { method: "DELETE", token: token.service })).status).toBe(404);
    expect(published()).toEqual([]);
  });

  it("announces phone changes, verification and opt-out with the last four digits only", async () => {
    s.clock.advance(1_000);
    const phone = { method: "PUT", token: token.ada, body: { phone_number: "555-300-4000" } };
    expect((await call(at("/phone"), phone)).status).toBe(200);
    expect((await call(at("/phone"), phone)).status).toBe(200);
    expect((await call(at("/phone/verify"), { method: "POST", token: token.service })).status).toBe(200);
    const optOut = { method: "POST", token: token.ada, body: { is_opted_out: true } };
    expect((await call(at("/phone/opt-out"), optOut)).status).toBe(200);
    expect((await call(at("/phone/opt-out"), optOut)).status).toBe(200);
    const last_updated = "2026-11-22T09:30:01.000Z";
    const events = published();
    expect(events).toEqual([
      {
        detailType: "UserPhoneChanged",
        detail: {
          user_id: ADA,
          phone_last4: "4000",
          previous_phone_last4: "7788",
          is_phone_verified: false,
          is_opted_out: false,
          last_updated,
        },
      },
      { detailType: "UserPhoneVerified", detail: { user_id: ADA, phone_last4: "4000", last_updated } },
      {
        detailType: "UserPhoneOptOutChanged",
        detail: { user_id: ADA, phone_last4: "4000", is_opted_out: true, last_updated },
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/5553004000|5552017788/);
  });

  it("announces no phone change that failed (400, 403, 409)", async () => {
    expect(
      (await call("/users/create", { method: "POST", token: token.bob, body: { user_email: "b@x.io" } }))
        .status,
    ).toBe(201);
    published();
    const put = (who: string, number: string) =>
      call(`/auth0%7C${who}/phone`, { method: "PUT", token: token[who], body: { phone_number: number } });
    expect((await put("ada", "12")).status).toBe(400);
    expect((await put("bob", "5552017788")).status).toBe(409);
    expect((await call(at("/phone/verify"), { method: "POST", token: token.ada })).status).toBe(403);
    const optOut = { method: "POST", token: token.bob, body: { is_opted_out: true } };
    expect((await call(at("/phone/opt-out"), optOut)).status).toBe(403);
    expect(published()).toEqual([]);
  });

  it("announces a consent with ConsentRecorded, without the source address", async () => {
    const consent = {
      consent_key: "terms_of_service",
      agreement_app_version: "4.12.0",
      agreement_approval_date: "2026-11-22",
      sms_active: true,
    };
    expect((await call(at("/consents"), { method: "POST", token: token.ada, body: consent })).status).toBe(
      201,
    );
    const events = published();
    expect(events).toEqual([
      {
        detailType: "ConsentRecorded",
        detail: {
          user_id: ADA,
          consent_key: "terms_of_service",
          agreement_timestamp: TEST_NOW,
          agreement_app_version: "4.12.0",
          sms_active: true,
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain("203.0.113.7");
    const byOperator = await call(at("/consents"), { method: "POST", token: token.operator, body: consent });
    expect(byOperator.status).toBe(403);
    const bad = await call(at("/consents"), {
      method: "POST",
      token: token.ada,
      body: { ...consent, consent_key: "X" },
    });
    expect(bad.status).toBe(400);
    expect(published()).toEqual([]);
  });

  it("announces an MLA lookup with its outcome only, and nothing when Experian fails (502)", async () => {
    const lookup = (ssn: string) =>
      call(at("/mla"), { method: "POST", token: token.ada, body: mlaSubject(ssn) });
    expect((await lookup("401-23-0502")).status).toBe(502);
    expect(published()).toEqual([]);
    const answered = await jsonOf(lookup("401-23-1203"));
    const events = published();
    expect(events).toEqual([
      {
        detailType: "MlaLookupCompleted",
        detail: { user_id: ADA, is_military: true, message_number: "1203", timestamp: answered.timestamp },
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/401-?23|1990|Lovelace|Analytical/);
  });

  it("announces balance settings with BalanceSettingsChanged, and nothing for 400 or 404", async () => {
    const put = (path: string, token_: string | undefined, cents: unknown) =>
      call(path, { method: "PUT", token: token_, body: { low_balance_alert: cents } });
    expect((await put(at("/balance-settings"), token.ada, 5000)).status).toBe(200);
    expect(published()).toEqual([
      {
        detailType: "BalanceSettingsChanged",
        detail: { user_id: ADA, low_balance_alert: 5000, updated_at: TEST_NOW },
      },
    ]);
    expect((await put(at("/balance-settings"), token.ada, -1)).status).toBe(400);
    expect((await put("/auth0%7Cbob/balance-settings", token.bob, 5000)).status).toBe(404);
    expect(published()).toEqual([]);
  });

  it("announces a KYC session without its URL, and nothing when the Transactions Service fails (502)", async () => {
    const start = { provider: "persona", redirect_uri: "https://app.example/kyc/done" };
    const session = await jsonOf(
      call(at("/kyc/sessions"), { method: "POST", token: token.ada, body: start }),
    );
    expect(published()).toEqual([
      {
        detailType: "KycSessionStarted",
        detail: {
          user_id: ADA,
          kyc_session_id: session.kyc_session_id,
          provider: "persona",
          status: "CREATED",
          created_at: session.created_at,
          expires_at: session.expires_at,
        },
      },
    ]);
    const failing = "auth0|kyc-fail";
    const failingToken = await s.token({ kind: "user", id: failing, mfa: true });
    await call("/users/create", { method: "POST", token: failingToken, body: { user_email: "k@x.io" } });
    published();
    const res = await call("/auth0%7Ckyc-fail/kyc/sessions", {
      method: "POST",
      token: failingToken,
      body: start,
    });
    expect(res.status).toBe(502);
    expect(published()).toEqual([]);
  });
});
