import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getJson, putJsonImmutable } from "../../../src/platform/objects/json.documents.ts";
import {
  ObjectConflictError,
  ObjectValidationError,
} from "../../../src/platform/objects/object-store.errors.ts";
import type { ObjectStore, PutOutcome } from "../../../src/platform/objects/object-store.port.ts";

/** A store over an empty bucket or folder of its own. */
export interface ObjectStoreFixture {
  readonly store: ObjectStore;
  close(): Promise<void>;
}

/** What a store under test can promise beyond the cases every store passes. */
export interface ObjectStoreTraits {
  /** Refuses to create an existing key atomically, so of racing creators exactly one wins. */
  readonly atomicCreate: boolean;
  /** Lists in UTF-8 byte order whatever the keys (S3 does; s3rver lists in its folders' walk order). */
  readonly byteOrderListing: boolean;
}

const JSON_TYPE = { contentType: "application/json" };

/**
 * A case a target cannot hold (s3rver ignores If-None-Match and lists out of byte order) is not
 * registered for it rather than skipped: each target's run lists only what it proves.
 */
const notFor = (_name: string, _body: () => Promise<void>, _timeout?: number): void => {};
const bytes = (text: string) => new TextEncoder().encode(text);
/** 1024 bytes of UTF-8 in segments of 63: the longest key, and one every store can hold. */
const LONGEST_KEY = `${Array.from({ length: 16 }, () => "s".repeat(63)).join("/")}x`;

const BAD_KEYS: readonly (readonly [rule: string, key: string])[] = [
  ["empty", ""],
  ["a leading slash", "/receipts/u-1.json"],
  ["a trailing slash", "receipts/"],
  ["a doubled slash", "receipts//u-1.json"],
  ["a .. segment", "receipts/../plans/p-1.json"],
  ["only ..", ".."],
  ["a . segment", "./receipts/u-1.json"],
  ["a NUL", "receipts/u\u00001.json"],
  ["a newline", "receipts/u-1\n.json"],
  ["a DEL", "receipts/u-1\u007f"],
  ["a C1 control", "receipts/u-1\u0085"],
  ["U+FFFF", "receipts/u-1\uffff"],
  ["a lone surrogate", "receipts/u-1\ud800.json"],
  ["1025 bytes", `${LONGEST_KEY}y`],
];

/**
 * The `ObjectStore` port's contract (src/platform/objects/object-store.port.ts), for every adapter:
 * a document is written once and read back as written, a repeat is harmless and a change refused,
 * keys list in byte order a page at a time, and bad keys are refused before anything is touched.
 */
export function objectStoreContract(
  adapter: string,
  traits: ObjectStoreTraits,
  open: () => Promise<ObjectStoreFixture>,
): void {
  describe(`ObjectStore contract: ${adapter}`, () => {
    let fixture: ObjectStoreFixture;
    let store: ObjectStore;
    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture?.close();
    });

    it("reads back what was put: the same bytes and content type", async () => {
      const body = new Uint8Array([0x7b, 0x00, 0xff, 0xfe, 0x0a, 0x0d, 0x7d]);

      const outcome = await store.putImmutable("receipts/u-1/c-1/2027-01.bin", body, {
        contentType: "application/octet-stream",
      });

      expect(outcome).toBe("created");
      const stored = await store.get("receipts/u-1/c-1/2027-01.bin");
      expect(stored?.contentType).toBe("application/octet-stream");
      expect(Buffer.from(stored?.body ?? []).equals(body)).toBe(true);
      expect(stored?.body).toBeInstanceOf(Uint8Array);
    });

    it("keeps an empty body, the longest key and a JSON document through its helpers", async () => {
      await store.putImmutable("empty", new Uint8Array(), { contentType: "text/plain; charset=utf-8" });
      await store.putImmutable(LONGEST_KEY, bytes("long"), JSON_TYPE);
      const receipt = { receipt_id: "r-1", amount: { value: 1299, currency: "USD" }, paid_at: "2027-01-05" };
      await putJsonImmutable(store, "receipts/u-1/c-1/2027-01.json", receipt);

      expect(await store.get("empty")).toEqual({
        body: new Uint8Array(),
        contentType: "text/plain; charset=utf-8",
      });
      expect(new TextDecoder().decode((await store.get(LONGEST_KEY))?.body)).toBe("long");
      expect(await getJson(store, "receipts/u-1/c-1/2027-01.json")).toEqual(receipt);
      expect(await putJsonImmutable(store, "receipts/u-1/c-1/2027-01.json", { ...receipt })).toBe(
        "unchanged",
      );
    });

    it("answers undefined for a key never written, also one that only starts other keys", async () => {
      await store.putImmutable("receipts/u-1/c-1/2027-01.json", bytes("{}"), JSON_TYPE);

      expect(await store.get("receipts/u-2/c-1/2027-01.json")).toBeUndefined();
      expect(await store.get("receipts/u-1")).toBeUndefined();
      expect(await getJson(store, "receipts/u-1/c-1")).toBeUndefined();
    });

    it("takes the same document again as a harmless repeat", async () => {
      await store.putImmutable("plans/p-1.json", bytes('{"price":1299}'), JSON_TYPE);

      const again = await store.putImmutable("plans/p-1.json", bytes('{"price":1299}'), JSON_TYPE);

      expect(again).toBe("unchanged");
      expect(await store.get("plans/p-1.json")).toEqual({ body: bytes('{"price":1299}'), ...JSON_TYPE });
    });

    it("refuses other bytes or another content type for a key, naming it, and keeps the first document", async () => {
      await store.putImmutable("plans/p-1.json", bytes('{"price":1299}'), JSON_TYPE);

      const otherBytes = await store
        .putImmutable("plans/p-1.json", bytes('{"price":999}'), JSON_TYPE)
        .catch((error: unknown) => error);
      const otherType = await store
        .putImmutable("plans/p-1.json", bytes('{"price":1299}'), { contentType: "text/plain" })
        .catch((error: unknown) => error);

      expect(otherBytes).toBeInstanceOf(ObjectConflictError);
      expect(otherBytes).toMatchObject({ name: "ObjectConflictError", key: "plans/p-1.json" });
      expect(otherType).toBeInstanceOf(ObjectConflictError);
      expect(await store.get("plans/p-1.json")).toEqual({ body: bytes('{"price":1299}'), ...JSON_TYPE });
    });

    it("keeps keys that differ only in case apart", async () => {
      await store.putImmutable("plans/Basic.json", bytes("upper"), JSON_TYPE);
      await store.putImmutable("plans/basic.json", bytes("lower"), JSON_TYPE);

      expect((await store.get("plans/Basic.json"))?.body).toEqual(bytes("upper"));
      expect((await store.get("plans/basic.json"))?.body).toEqual(bytes("lower"));
    });

    // Only a store that refuses an existing key atomically can promise one winner: S3 does with
    // If-None-Match (the S3 adapter sends it); s3rver ignores it, so there racing writers all create.
    (traits.atomicCreate ? it : notFor)(
      "lets exactly one of 10 racing writers of different documents win",
      async () => {
        const key = "receipts/u-1/c-1/2027-02.json";
        const bodies = Array.from({ length: 10 }, (_, writer) => bytes(JSON.stringify({ writer })));

        const results = await Promise.allSettled(
          bodies.map((body) => store.putImmutable(key, body, JSON_TYPE)),
        );

        const won = results.flatMap((result, writer) => (result.status === "fulfilled" ? [writer] : []));
        expect(won).toHaveLength(1);
        expect(results[won[0] as number]).toEqual({ status: "fulfilled", value: "created" });
        for (const result of results.filter((r) => r.status === "rejected")) {
          expect(result.reason).toBeInstanceOf(ObjectConflictError);
        }
        expect((await store.get(key))?.body).toEqual(bodies[won[0] as number]);
      },
    );

    (traits.atomicCreate ? it : notFor)(
      "answers 10 racing writers of one document: one created, nine unchanged",
      async () => {
        const body = bytes('{"receipt_id":"r-2"}');

        const outcomes = await Promise.all(
          Array.from({ length: 10 }, () =>
            store.putImmutable("receipts/u-1/c-1/2027-03.json", body, JSON_TYPE),
          ),
        );

        expect([...outcomes].sort()).toEqual(["created", ...Array<PutOutcome>(9).fill("unchanged")]);
        expect((await store.get("receipts/u-1/c-1/2027-03.json"))?.body).toEqual(body);
      },
    );

    describe("list", () => {
      const KEYS = [
        "receipts/u-1/c-1/2027-01.json",
        "receipts/u-1/c-1/2027-02.json",
        "receipts/u-1/c-1/2027-03.json",
        "receipts/u-1/c-2/2027-01.json",
        "receipts/u-1/c-2/2027-02.json",
        "receipts/u-2/c-3/2027-01.json",
        "plans/p-1.json",
      ];
      beforeEach(async () => {
        for (const key of [...KEYS].reverse()) await store.putImmutable(key, bytes(key), JSON_TYPE);
      });

      it("pages through a prefix in order, `after` present exactly while more keys match", async () => {
        const first = await store.list("receipts/u-1/", { limit: 2 });
        const second = await store.list("receipts/u-1/", { limit: 2, after: first.after });
        const third = await store.list("receipts/u-1/", { limit: 2, after: second.after });

        expect(first).toStrictEqual({ keys: KEYS.slice(0, 2), after: KEYS[1] });
        expect(second).toStrictEqual({ keys: KEYS.slice(2, 4), after: KEYS[3] });
        expect(third).toStrictEqual({ keys: KEYS.slice(4, 5) });
        expect(await store.list("receipts/u-1/c-1/", { limit: 3 })).toStrictEqual({ keys: KEYS.slice(0, 3) });
      });

      it("matches a prefix that ends inside a segment, the empty prefix, and nothing", async () => {
        expect(await store.list("receipts/u-", { limit: 10 })).toStrictEqual({ keys: KEYS.slice(0, 6) });
        expect(await store.list("receipts/u-1/c-1/2027-0", { limit: 10 })).toStrictEqual({
          keys: KEYS.slice(0, 3),
        });
        expect(await store.list("", { limit: 10 })).toStrictEqual({ keys: [KEYS[6], ...KEYS.slice(0, 6)] });
        expect(await store.list("refunds/", { limit: 10 })).toStrictEqual({ keys: [] });
        expect(await store.list("receipts/u-1/c-1/2027-01.json/", { limit: 10 })).toStrictEqual({ keys: [] });
      });

      it("starts after any key, not only one it answered", async () => {
        const page = await store.list("receipts/", { limit: 10, after: "receipts/u-1/c-2" });

        expect(page).toStrictEqual({ keys: KEYS.slice(3, 6) });
        expect(await store.list("receipts/", { limit: 10, after: "s" })).toStrictEqual({ keys: [] });
      });
    });

    // S3 lists "in UTF-8 binary order" (ListObjectsV2); s3rver walks its folders instead, which puts
    // `o/a/c` before `o/a-b` and `o/a`, so this case runs only where the order is the store's own.
    (traits.byteOrderListing ? it : notFor)(
      "lists in UTF-8 byte order, not UTF-16's, page after page",
      async () => {
        const ordered = ["o/A", "o/a", "o/a-b", "o/a/c", "o/aB", "o/z", "o/é", "o/\uff21", "o/\u{1f600}"];
        for (const key of [...ordered].reverse()) await store.putImmutable(key, bytes(key), JSON_TYPE);

        const listed: string[] = [];
        let after: string | undefined;
        do {
          const page = await store.list("o/", { limit: 2, after });
          listed.push(...page.keys);
          after = page.after;
        } while (after !== undefined);

        expect(listed).toEqual(ordered);
      },
    );

    it.each(BAD_KEYS)("refuses a key with %s before touching anything", async (_rule, key) => {
      await expect(store.putImmutable(key, bytes("{}"), JSON_TYPE)).rejects.toBeInstanceOf(
        ObjectValidationError,
      );
      await expect(store.get(key)).rejects.toBeInstanceOf(ObjectValidationError);

      expect(await store.list("", { limit: 10 })).toStrictEqual({ keys: [] });
    });

    it("refuses bad prefixes, limits and content types, saying which rule", async () => {
      for (const prefix of ["/receipts", "receipts//", "receipts/../", "receipts/\n", `${LONGEST_KEY}y`]) {
        await expect(store.list(prefix, { limit: 10 })).rejects.toBeInstanceOf(ObjectValidationError);
      }
      for (const limit of [0, 1001, 2.5, Number.NaN]) {
        await expect(store.list("receipts/", { limit })).rejects.toThrow(
          /limit must be a whole number from 1 to 1000/,
        );
      }
      for (const contentType of ["", "text/plain\n", "text/é", "x".repeat(256)]) {
        await expect(store.putImmutable("plans/p-1.json", bytes("{}"), { contentType })).rejects.toThrow(
          /content type must be/,
        );
      }
      await expect(store.putImmutable("a//b", bytes("{}"), JSON_TYPE)).rejects.toThrow(/empty segment/);
      await expect(store.get("a\nb")).rejects.toThrow(/must be printable: U\+000A at character 2/);
      expect(await store.list("", { limit: 10 })).toStrictEqual({ keys: [] });
    });
  });
}
