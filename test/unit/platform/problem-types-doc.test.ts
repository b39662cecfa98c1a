/** ARCHITECTURE.md lists every problem type the code can answer, with its status and title. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as errors from "../../../src/platform/errors/app.errors.ts";
import { toProblem } from "../../../src/platform/errors/problem.ts";

const architecture = readFileSync(new URL("../../../ARCHITECTURE.md", import.meta.url), "utf8");

/** One problem of each AppError class app.errors.ts exports, and the one for an unexpected error. */
function everyProblem() {
  const classes = (Object.values(errors) as unknown[]).filter(
    (value): value is new (message: never) => errors.AppError =>
      typeof value === "function" && value.prototype instanceof errors.AppError,
  );
  return [
    ...classes.map((AppErrorClass) => toProblem(new AppErrorClass([] as never))),
    toProblem(new Error()),
  ];
}

describe("the problem types of ARCHITECTURE.md", () => {
  it("has a row per problem type, with the status and title the code answers", () => {
    const problems = everyProblem();

    expect(problems.length).toBeGreaterThan(10);
    for (const { type, status, title } of problems) {
      const slug = type.replace("https://roster.dev/problems/", "");
      expect(architecture, `ARCHITECTURE.md lacks the row of ${slug}`).toContain(
        `| \`${slug}\` | ${status} | ${title} |`,
      );
    }
  });
});
