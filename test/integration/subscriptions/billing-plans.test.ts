import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { dueCycles } from "../../../src/subscriptions/adapters/postgres/billing.store.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

const PLUS = { tier: "plus", tier_version: "v1", term: "MONTHLY", price_cents: 999, currency: "USD" };
const base = (userId: string) => `/subscriptions/users/${encodeURIComponent(userId)}/subscription`;

interface PlanNode {
  readonly "Node Type": string;
  readonly "Relation Name"?: string;
  readonly "Index Name"?: string;
  readonly "Index Cond"?: string;
  readonly Plans?: readonly PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** Cost as work grows: the runner's claim reads what is due, not every open cycle (bench:scale). */
describe("the billing runner's claim of due cycles", () => {
  const subs = useSubscriptionService();
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock("2026-11-22T09:30:00.000Z");
    subs.build({ clock, issuer: await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-issuer-"))) });
  });

  it("reads billing_cycles only through index conditions, on both of its branches (due, lease run out)", async () => {
    for (const userId of ["auth0|plan-a", "auth0|plan-b", "auth0|plan-c"]) {
      await subs.payments.attachCard(userId, "pm_card_visa_debit");
      expect((await subs.call(base(userId), { body: PLUS, key: `activate:${userId}` })).status).toBe(201);
    }
    // A few rows make any plan cheap: with sequential scans priced out, what is left shows whether an
    // index can answer each branch, or only a read of a whole index (no Index Cond) can.
    const [row] = await subs
      .sql()
      .transaction()
      .execute(async (tx) => {
        await sql`set local enable_seqscan = off`.execute(tx);
        return dueCycles(tx, clock.now(), 50).explain("json");
      });
    const plans = (row?.["QUERY PLAN"] ?? []) as { Plan: PlanNode }[];
    const plan = plans[0]?.Plan as PlanNode;
    const cycleReads = nodesOf(plan).filter(
      (node) =>
        node["Relation Name"] === "billing_cycles" || node["Index Name"]?.startsWith("billing_cycles"),
    );
    expect(cycleReads.length).toBeGreaterThan(0);
    expect(cycleReads.filter((node) => node["Node Type"] === "Seq Scan")).toEqual([]);
    expect(
      cycleReads.filter((node) => node["Node Type"].includes("Index Scan") && !node["Index Cond"]),
    ).toEqual([]);
  });
});
