import { describe, expect, it } from "vitest";
import { findPlan } from "../../../src/console/domain/find-query.ts";
import { consoleRoles, highestRole, holds } from "../../../src/console/domain/operator.ts";
import { safeReturnTo } from "../../../src/console/use-cases/sign-in/start-sign-in.use-case.ts";

describe("console roles", () => {
  it("keeps only the console's roles from the provider's claim", () => {
    expect(consoleRoles(["mx", "billing", "admin"])).toEqual(["mx", "admin"]);
    expect(consoleRoles("admin")).toEqual([]);
    expect(consoleRoles(undefined)).toEqual([]);
  });

  it("lets a higher role do what a lower one may, never the reverse", () => {
    expect(holds({ roles: ["admin"] }, "mx")).toBe(true);
    expect(holds({ roles: ["mx"] }, "support")).toBe(true);
    expect(holds({ roles: ["mx"] }, "admin")).toBe(false);
    expect(holds({ roles: ["support"] }, "mx")).toBe(false);
    expect(holds({ roles: [] }, "support")).toBe(false);
    expect(highestRole({ roles: ["support", "admin", "mx"] })).toBe("admin");
  });
});

describe("what a search looks for", () => {
  it("sends the words to the text search and a single word also to the id look-ups", () => {
    expect(findPlan("  ada   lovelace ")).toEqual({ words: "ada lovelace", id: undefined });
    expect(findPlan("auth0|ada")).toEqual({ words: "auth0|ada", id: "auth0|ada" });
    expect(findPlan("ab")).toEqual({ words: "ab", id: undefined });
    expect(findPlan("   ")).toEqual({ words: undefined, id: undefined });
    expect(findPlan("a b c d e f g h i j").words).toBe("a b c d e f g h");
  });
});

describe("where a sign-in lands", () => {
  it.each([
    ["/console", "/console"],
    ["/console/members/auth0%7Cada", "/console/members/auth0%7Cada"],
    ["/console?q=ada+lovelace", "/console?q=ada+lovelace"],
    ["https://evil.example/console", "/console"],
    ["//evil.example/console", "/console"],
    ["/consolex", "/console"],
    ["/console\\@evil.example", "/console"],
    ["/docs", "/console"],
    [undefined, "/console"],
  ])("%s -> %s", (asked, landing) => {
    expect(safeReturnTo(asked)).toBe(landing);
  });
});
