import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PurchasesReportAnswer } from "../../../src/contracts/purchases/reports.http.ts";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import type { PrincipalKind } from "../../../src/platform/identity/principal.ts";
import type { StoreSubscription } from "../../../src/purchases/domain/store-subscription.ts";
import { purchasesReport } from "../../../src/purchases/use-cases/operators/purchases-report.query.ts";
import { invalidOpenApiExamples } from "../../support/document-lint.ts";
import type { Json } from "../../support/json.ts";
import { appleState, purchasesApiAt } from "../../support/purchases-core.ts";

const google = (overrides: Partial<StoreSubscription>) =>
  appleState({
    platform: "google",
    app: "dev.roster.android",
    productId: "dev.roster.premium",
    ...overrides,
  });

/** The dashboard's purchases report, through the Purchases Service's app, over states the fetch step stored. */
describe("GET /user/reports/purchases", () => {
  let dir: string;
  let issuer: LocalIssuer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "roster-purchases-report-"));
    issuer = await LocalIssuer.open(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function setUp() {
    const { api, bought, ...core } = purchasesApiAt(
      issuer,
      "2026-12-01T12:00:00.000Z",
      "purchases-report-test",
    );
    await bought("auth0|ada", appleState({ storeId: "2000000000000001" }));
    await bought("auth0|bo", google({ storeId: "g-bo", startAt: new Date("2026-11-30T08:00:00Z") }));
    await bought(
      "auth0|cy",
      appleState({
        storeId: "2000000000000003",
        state: "EXPIRED",
        startAt: new Date("2026-10-30T10:00:00Z"),
        expiresAt: new Date("2026-11-30T10:00:00Z"),
      }),
    );
    await bought(
      "auth0|dee",
      google({ storeId: "g-dee", state: "REVOKED", startAt: new Date("2026-11-29T23:00:00Z") }),
    );
    const call = async (
      path: string,
      as: { kind: PrincipalKind; id: string } | null = { kind: "operator", id: "mx-kim" },
    ) => {
      const headers = as
        ? { authorization: `Bearer ${await issuer.issue(as, core.clock.now())}` }
        : undefined;
      const response = await api.request(path, headers ? { headers } : {});
      return { status: response.status, body: (await response.json()) as Json };
    };
    return { core, api, call };
  }

  it("counts every purchase by store and state now, and per day those that began and those that expired", async () => {
    const { call } = await setUp();
    const res = await call("/user/reports/purchases?days=3");
    expect(res.status).toBe(200);
    const zero = {
      ACTIVE: 0,
      GRACE_PERIOD: 0,
      BILLING_RETRY: 0,
      PAUSED: 0,
      PENDING: 0,
      EXPIRED: 0,
      REVOKED: 0,
    };
    expect(PurchasesReportAnswer.parse(res.body)).toEqual({
      as_of: "2026-12-01T12:00:00.000Z",
      days: 3,
      read: 4,
      truncated: false,
      by_store: { apple: { ...zero, ACTIVE: 1, EXPIRED: 1 }, google: { ...zero, ACTIVE: 1, REVOKED: 1 } },
      daily: [
        { day: "2026-11-29", started: { apple: 0, google: 1 }, expired: { apple: 0, google: 0 } },
        { day: "2026-11-30", started: { apple: 0, google: 1 }, expired: { apple: 1, google: 0 } },
        { day: "2026-12-01", started: { apple: 1, google: 0 }, expired: { apple: 0, google: 0 } },
      ],
    });
  });

  it("says truncated when more purchases are stored than it reads", async () => {
    const { core } = await setUp();
    const report = await purchasesReport(core.deps, 3, 3);
    expect([report.read, report.truncated]).toEqual([3, true]);
    expect(await purchasesReport(core.deps, 3, 4)).toMatchObject({ read: 4, truncated: false });
  });

  it("answers services, refuses a user (403), no credentials (401) and a bad window (400), and is documented", async () => {
    const { call, api } = await setUp();
    expect(
      (await call("/user/reports/purchases", { kind: "service", id: "reports" })).body.daily,
    ).toHaveLength(30);
    expect((await call("/user/reports/purchases", { kind: "user", id: "auth0|ada" })).status).toBe(403);
    expect((await call("/user/reports/purchases", null)).status).toBe(401);
    for (const days of ["0", "367", "1e2"]) {
      const res = await call(`/user/reports/purchases?days=${days}`);
      expect(res.status, days).toBe(400);
      expect(JSON.stringify(res.body), days).toMatch(/days/);
    }
    const doc: Json = await (await api.request("/openapi.json")).json();
    expect(doc.paths["/user/reports/purchases"].get["x-roster-principals"]).toEqual(["service", "operator"]);
    expect(invalidOpenApiExamples(doc)).toEqual([]);
  });
});
