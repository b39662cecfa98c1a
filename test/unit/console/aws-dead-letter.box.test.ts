import { describe, expect, it } from "vitest";
import { AwsDeadLetterBox } from "../../../src/console/adapters/aws/aws-dead-letter.box.ts";
import type { Operator } from "../../../src/console/domain/operator.ts";
import { deadLettersPage } from "../../../src/console/ui/dead-letters.view.ts";

const ada: Operator = { id: "ada", name: "Ada", email: undefined, roles: ["admin"] };

describe("the dead letters on AWS", () => {
  it("lists none and moves none, and the page says where they are instead of that all is well", async () => {
    const box = new AwsDeadLetterBox("prod");
    expect(await box.list()).toEqual([]);
    expect(await box.redrive("queue:user-cleanup")).toBe(0);
    const page = String(
      await deadLettersPage({ operator: ada, csrfToken: "t", entries: [], elsewhere: box.elsewhere }),
    );
    expect(page).toContain("SQS console");
    expect(page).toContain("prod-…-dlq");
    expect(page).not.toContain("every worker is keeping up");
  });
});
