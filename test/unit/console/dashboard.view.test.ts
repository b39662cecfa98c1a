import { describe, expect, it } from "vitest";
import type { Operator } from "../../../src/console/domain/operator.ts";
import { dashboardPage } from "../../../src/console/ui/dashboard.view.ts";
import { PurchasesReportAnswer } from "../../../src/contracts/purchases/reports.http.ts";
import { MembersReportAnswer } from "../../../src/contracts/users/reports.http.ts";
import { textOf } from "../../support/console-browser.ts";

const SAM: Operator = { id: "sam", name: "Sam Okafor", email: undefined, roles: ["support"] };
const example = (schema: { meta(): unknown }) => (schema.meta() as { examples: unknown[] }).examples[0];

describe("the dashboard page", () => {
  it("draws the reports that came and says in words why another did not, never a blank page", async () => {
    const page = String(
      await dashboardPage({
        operator: SAM,
        csrfToken: "csrf",
        days: 30,
        dashboard: {
          members: { status: 200, body: example(MembersReportAnswer) },
          billing: {
            status: 503,
            body: { title: "Service Unavailable", detail: "the Subscription Service did not answer in time" },
          },
          charges: { status: 200, body: { as_of: "yesterday" } },
          purchases: {
            status: 200,
            body: { ...(example(PurchasesReportAnswer) as object), truncated: true },
          },
        },
      }),
    );
    const text = textOf(page);
    expect(text).toContain("1,204 users");
    expect(text).toContain("Could not be read (503): the Subscription Service did not answer in time");
    expect(text).toContain("The service answered figures the console does not understand");
    expect(text).toContain("Counted from the first 15 purchases only: more are stored.");
    // The figures the chart draws are the table's: ACTIVE 1,100 in both.
    expect(page).toContain('<th scope="row">ACTIVE</th><td>1,100</td>');
    expect(page).toMatch(
      /data-chart="\{&quot;type&quot;:&quot;bar&quot;,&quot;horizontal&quot;:true,&quot;labels&quot;:\[&quot;PROCESSING&quot;/,
    );
  });
});
