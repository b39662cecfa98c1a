/**
 * Every configured stage (cdk.json) synthesizes, passes cdk-nag's AWS Solutions checks with each remaining
 * finding acknowledged for a written reason, and matches its snapshot (asset hashes normalised, so a code
 * change alone does not churn it; `npx vitest run test/infra -u` after a deliberate infrastructure change).
 */
import { readFileSync } from "node:fs";
import { Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { type Synthesized, synthStages } from "./support/synth-stages.ts";

let synthesized: Synthesized;

beforeAll(async () => {
  synthesized = await synthStages();
});

function acknowledgements(): { path: string; id: string; reason: string }[] {
  return synthesized.app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ""),
          reason,
        })),
      ),
  );
}

/** Asset hashes (and the function version named after its code) change with every code change. */
function normalised(template: unknown): unknown {
  const text = JSON.stringify(template)
    .replace(/[0-9a-f]{64}/g, "<asset-hash>")
    .replace(/CurrentVersion([0-9A-F]{8})[0-9a-f]{32}/g, "CurrentVersion$1<code-hash>");
  return JSON.parse(text);
}

describe("cdk-nag (AwsSolutionsChecks)", () => {
  it("leaves no finding that is neither fixed nor acknowledged, in any stage", () => {
    expect(Object.keys(synthesized.stages).sort()).toEqual(["dev", "prod"]);
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    const findings = report.violations.map(
      (violation) =>
        `${violation.ruleName}: ${violation.violatingResources.map((resource) => resource.constructPath).join(", ")}`,
    );
    expect(findings).toEqual([]);
  });

  it("gives every acknowledgement a written reason, and infra/README.md lists every acknowledged rule", () => {
    const readme = readFileSync(new URL("../../infra/README.md", import.meta.url), "utf8");
    const nag = acknowledgements().filter((ack) => ack.id.startsWith("AwsSolutions-"));
    expect(nag.length).toBeGreaterThan(0);
    for (const ack of nag) {
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThan(40);
      expect(readme, `${ack.id} (${ack.path}) is not in infra/README.md`).toContain(
        ack.id.replace(/\[.*$/, ""),
      );
    }
  });
});

describe("templates", () => {
  for (const stage of ["dev", "prod"]) {
    it(`${stage}: matches its snapshot`, () => {
      const { templatesByName } = synthesized.stages[stage]!;
      const templates = Object.entries(templatesByName).map(([name, template]) => [name, template.toJSON()]);
      expect(normalised(Object.fromEntries(templates))).toMatchSnapshot();
    });
  }
});
