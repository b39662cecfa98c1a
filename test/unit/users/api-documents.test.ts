import { describe, expect, it } from "vitest";
import { asyncApiDocument } from "../../../src/users/messages/asyncapi.document.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import {
  invalidAsyncApiExamples,
  invalidOpenApiExamples,
  lintDocument,
  openApiExamples,
} from "../../support/document-lint.ts";
import type { Json } from "../../support/json.ts";

const METHODS = ["get", "put", "post", "delete", "patch"];

async function openApi(): Promise<Json> {
  const { app } = await buildTestServices();
  return (await app.request("/openapi.json")).json();
}

function operations(doc: Json): { where: string; operation: Json }[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ where: `${m.toUpperCase()} ${path}`, operation: item[m] })),
  );
}

const serious = (findings: { severity: string }[]) =>
  findings.filter((f) => f.severity === "error" || f.severity === "warning");

describe("the User Service's documents", () => {
  it("pass Spectral's oas ruleset with no error and no warning", async () => {
    const findings = await lintDocument(await openApi(), "oas");
    expect(serious(findings)).toEqual([]);
  });

  it("pass Spectral's asyncapi ruleset with no error and no warning", async () => {
    const findings = await lintDocument(asyncApiDocument(), "asyncapi");
    expect(serious(findings)).toEqual([]);
  });

  it("give every operation a unique operationId, a summary, a description and defined tags", async () => {
    const doc = await openApi();
    const defined = new Set((doc.tags as { name: string; description: string }[]).map((t) => t.name));
    const all = operations(doc);
    expect(all.length).toBeGreaterThan(40);
    const ids = all.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(all.length);
    for (const { where, operation } of all) {
      expect([where, typeof operation.operationId]).toEqual([where, "string"]);
      expect([where, operation.description?.length > 20]).toEqual([where, true]);
      expect([where, operation.summary?.length > 0]).toEqual([where, true]);
      for (const tag of operation.tags) expect([where, defined.has(tag)]).toEqual([where, true]);
    }
    expect(doc.info).toMatchObject({
      contact: { url: expect.any(String) },
      license: { identifier: "Apache-2.0" },
    });
    expect(doc.servers.length).toBeGreaterThan(0);
  });

  it("document 413 and 415 on every operation that takes a body", async () => {
    for (const { where, operation } of operations(await openApi()))
      if (operation.requestBody)
        expect([where, Object.keys(operation.responses)]).toEqual([
          where,
          expect.arrayContaining(["413", "415"]),
        ]);
  });

  it("carry examples that validate against their schemas (Ajv, JSON Schema 2020-12 and draft 07)", async () => {
    const doc = await openApi();
    expect(openApiExamples(doc).length).toBeGreaterThan(30);
    expect(invalidOpenApiExamples(doc)).toEqual([]);
    const messages = invalidAsyncApiExamples(asyncApiDocument());
    expect(messages.checked).toBeGreaterThan(5);
    expect(messages.invalid).toEqual([]);
  });

  it("use patterns any client's validator reads: plain ECMA-262, no JavaScript flags", async () => {
    const patterns = [...JSON.stringify(await openApi()).matchAll(/"pattern":"((?:[^"\\]|\\.)*)"/g)].map(
      ([, p]) => JSON.parse(`"${p}"`) as string,
    );
    expect(patterns.length).toBeGreaterThan(3);
    for (const pattern of patterns) {
      // A pattern that went through String(regex) ends with the regex's flags, e.g. `...$/u`.
      expect([pattern, /\/[dgimsuvy]+$/.test(pattern)]).toEqual([pattern, false]);
      expect(() => new RegExp(pattern, "u")).not.toThrow();
    }
  });
});
