import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { lambdaBuildOptions } from "../../../scripts/build.ts";

const dir = mkdtempSync(join(tmpdir(), "roster-zod-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the Lambda bundles' zod: English messages only", () => {
  it("keeps zod's English messages and leaves the other languages out of the bundle", async () => {
    const entry = join(process.cwd(), "test", "unit", "scripts", `zod-entry-${process.pid}.ts`);
    writeFileSync(
      entry,
      `import { z } from "zod";
      export const message = z.object({ name: z.string() }).safeParse({ name: 4 }).error?.issues[0]?.message;
      export const languages = Object.keys(z.locales);`,
    );
    try {
      const result = await build({ ...lambdaBuildOptions, entryPoints: { index: entry }, outdir: dir });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.some((input) => input.includes("zod/v4/locales/fr.js"))).toBe(false);
      const bundle = await import(pathToFileURL(join(dir, "index.mjs")).href);
      expect(bundle.message).toBe("Invalid input: expected string, received number");
      expect(bundle.languages).toEqual(["en"]);
    } finally {
      rmSync(entry, { force: true });
    }
  });
});
