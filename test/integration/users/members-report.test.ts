import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MembersReportAnswer } from "../../../src/contracts/users/reports.http.ts";
import { PostgresUsermodelProjection } from "../../../src/users/adapters/postgres/usermodel.projection.ts";
import type { UsersDatabase } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import type { UserRecord } from "../../../src/users/domain/user-change.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { migratedUsermodel } from "../../suites/users/usermodel-fixtures.ts";
import { invalidOpenApiExamples } from "../../support/document-lint.ts";
import type { Json } from "../../support/json.ts";
import type { TestDatabase } from "../../support/test-database.ts";

// The test services' clock stands at 2026-11-22T09:30Z.
const record = (id: string, joined: string, profile: Partial<UserRecord> = {}): UserRecord => ({
  user_id: `auth0|${id}`,
  user_email: `${id}@example.com`,
  user_status: "ACTIVE",
  user_date_joined: joined,
  user_date_updated: joined,
  ...profile,
});

const PEOPLE = [
  record("old-1", "2026-10-01T12:00:00.000Z", { user_app_platform: "ios" }),
  record("old-2", "2026-11-19T23:59:59.000Z", { user_status: "BANNED", user_app_platform: "android" }),
  record("ada", "2026-11-20T00:00:00.000Z", { user_app_platform: "ios" }),
  record("bo", "2026-11-20T18:00:00.000Z", { user_status: "PROCESSING" }),
  record("cy", "2026-11-22T08:00:00.000Z", { user_status: "INVESTIGATE", user_app_platform: "ios" }),
];

describe("GET /users/reports/members (the dashboard's users, from the usermodel projection)", () => {
  let target: TestDatabase<UsersDatabase>;
  let s: Awaited<ReturnType<typeof buildTestServices>>;
  beforeAll(async () => {
    target = await migratedUsermodel();
    const projection = new PostgresUsermodelProjection(target.db);
    for (const person of PEOPLE) await projection.upsert(person);
    s = await buildTestServices({ usermodel: target.db });
  });
  afterAll(async () => {
    await target.drop();
  });

  const get = async (query: string, token?: string) => {
    const res = await s.app.request(`/users/reports/members${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it("counts users now by status and platform, and sign-ups per UTC day with the running total", async () => {
    const res = await get("?days=3", await s.token({ kind: "operator", id: "mx-kim" }));
    expect(res.status).toBe(200);
    expect(MembersReportAnswer.parse(res.body)).toEqual({
      as_of: "2026-11-22T09:30:00.000Z",
      days: 3,
      total: 5,
      by_status: { PROCESSING: 1, ACTIVE: 2, PAUSED: 0, INVESTIGATE: 1, BANNED: 1 },
      by_platform: { ios: 3, android: 1, unknown: 1 },
      daily: [
        { day: "2026-11-20", joined: 2, total: 4 },
        { day: "2026-11-21", joined: 0, total: 4 },
        { day: "2026-11-22", joined: 1, total: 5 },
      ],
    });
  });

  it("answers services too, defaults to 30 days, and refuses a user (403), no credentials (401) and a bad window (400)", async () => {
    const service = await s.token({ kind: "service", id: "reports" });
    const fallback = await get("", service);
    expect([fallback.status, fallback.body.daily.length, fallback.body.daily[0].total]).toEqual([200, 30, 1]);
    expect((await get("?days=1", await s.token({ kind: "user", id: "auth0|ada" }))).status).toBe(403);
    expect((await get("?days=1")).status).toBe(401);
    for (const days of ["0", "367", "two"]) {
      const res = await get(`?days=${days}`, service);
      expect(res.status, days).toBe(400);
      expect(JSON.stringify(res.body), days).toMatch(/days/);
    }
  });

  it("is documented as a read for services and operators, its example valid", async () => {
    const doc: Json = await (await s.app.request("/openapi.json")).json();
    const operation = doc.paths["/users/reports/members"].get;
    expect(operation["x-roster-principals"]).toEqual(["service", "operator"]);
    expect(invalidOpenApiExamples(doc)).toEqual([]);
  });
});
