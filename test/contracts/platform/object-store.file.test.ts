import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileObjectStore } from "../../../src/platform/adapters/embedded/file.object-store.ts";
import {
  ObjectConflictError,
  ObjectValidationError,
} from "../../../src/platform/objects/object-store.errors.ts";
import { objectStoreContract } from "./object-store.contract.ts";

objectStoreContract(
  "FileObjectStore in a temporary folder",
  { atomicCreate: true, byteOrderListing: true },
  async () => {
    const folder = mkdtempSync(join(tmpdir(), "roster-objects-"));
    return {
      store: new FileObjectStore(join(folder, "objects")),
      close: async () => rmSync(folder, { recursive: true, force: true }),
    };
  },
);

describe("FileObjectStore on disk", () => {
  const JSON_TYPE = { contentType: "application/json" };
  const body = new TextEncoder().encode("{}");
  let folder: string;
  let root: string;
  let store: FileObjectStore;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "roster-objects-"));
    root = join(folder, "objects");
    store = new FileObjectStore(root);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** Every file and folder under `dir`, as paths relative to it. */
  const tree = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();

  it("keeps each object in one file under its folder, every byte but a-z 0-9 . _ - escaped", async () => {
    await store.putImmutable("Receipts/auth0|u-1/été.json", body, JSON_TYPE);
    await store.putImmutable("Receipts/%2e%2e/x", body, JSON_TYPE);

    expect(readdirSync(folder)).toEqual(["objects"]);
    expect(tree(root)).toEqual([
      "%52eceipts",
      "%52eceipts/%252e%252e",
      "%52eceipts/%252e%252e/x~obj",
      "%52eceipts/auth0%7Cu-1",
      "%52eceipts/auth0%7Cu-1/%C3%A9t%C3%A9.json~obj",
    ]);
  });

  it("lists only what it wrote, and leaves no temporary file after a conflict", async () => {
    await store.putImmutable("plans/p-1.json", body, JSON_TYPE);
    await expect(store.putImmutable("plans/p-1.json", new Uint8Array([1]), JSON_TYPE)).rejects.toBeInstanceOf(
      ObjectConflictError,
    );
    writeFileSync(join(root, "plans", ".DS_Store"), "finder");
    writeFileSync(join(root, "plans", "~0f6c-crashed~tmp"), "half a docum");
    mkdirSync(join(root, "Plans"));
    writeFileSync(join(root, "Plans", "p-2.json~obj"), '{"contentType":"application/json"}\n{}');

    expect(await store.list("", { limit: 10 })).toStrictEqual({ keys: ["plans/p-1.json"] });
    expect(
      readdirSync(join(root, "plans"))
        .filter((name) => name.startsWith("~0f6c") === false)
        .sort(),
    ).toEqual([".DS_Store", "p-1.json~obj"]);
  });

  it("refuses a segment too long for a file name once escaped, naming the limit", async () => {
    await store.putImmutable(`plans/${"x".repeat(251)}`, body, JSON_TYPE);

    await expect(store.putImmutable(`plans/${"x".repeat(252)}`, body, JSON_TYPE)).rejects.toThrow(
      new ObjectValidationError(
        "a segment of the object key is 252 bytes once escaped for the file store, over the 251 it holds",
      ),
    );
    await expect(store.get(`${"X".repeat(84)}/p-1.json`)).rejects.toBeInstanceOf(ObjectValidationError);
    expect(await store.list(`${"X".repeat(84)}/`, { limit: 10 })).toStrictEqual({ keys: [] });
  });
});
