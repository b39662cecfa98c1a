import { beforeEach, describe, expect, it } from "vitest";
import {
  ConditionFailedError,
  StoreValidationError,
  TransactionCanceledError,
} from "../../../src/platform/store/store.errors.ts";
import type { TableSpec } from "../../../src/platform/store/table-spec.ts";
import type { Item, TableStore } from "../../../src/platform/store/table-store.port.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { scanContract } from "./table-store-scan.contract.ts";

/** Tables that exercise every key shape the store supports. */
export const contractTables = {
  things: {
    name: "contract-things",
    partitionKey: { name: "PK", type: "S" },
    sortKey: { name: "SK", type: "S" },
    indexes: {
      GSI1: { partitionKey: { name: "GSI1PK", type: "S" }, sortKey: { name: "GSI1SK", type: "S" } },
    },
    ttlAttribute: "expires_at",
    stream: true,
  },
  scores: {
    name: "contract-scores",
    partitionKey: { name: "player", type: "S" },
    sortKey: { name: "score", type: "N" },
  },
  people: {
    name: "contract-people",
    partitionKey: { name: "id", type: "S" },
    indexes: { "email-index": { partitionKey: { name: "email", type: "S" } } },
  },
} as const satisfies Record<string, TableSpec>;

export const CONTRACT_START = "2026-01-01T00:00:00.000Z";
const { things, scores, people } = contractTables;

/**
 * One behaviour, every adapter: `open` gives a store on fresh, empty contract tables whose notion of
 * "now" (for TTL) is the given clock.
 */
export function tableStoreContract(adapter: string, open: (clock: ManualClock) => Promise<TableStore>): void {
  describe(`TableStore contract: ${adapter}`, () => {
    let store: TableStore;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = new ManualClock(CONTRACT_START);
      store = await open(clock);
    });

    const thing = (pk: string, sk: string, extra: Item = {}): Item => ({ PK: pk, SK: sk, ...extra });

    describe("single-item writes", () => {
      it("reads back what it wrote, and nothing for a key never written", async () => {
        const item = thing("U#1", "A", {
          n: 1.5,
          ok: true,
          none: null,
          list: [1, "x"],
          map: { a: { b: "c" } },
        });
        await store.put(things, item);
        expect(await store.get(things, { PK: "U#1", SK: "A" })).toEqual(item);
        expect(await store.get(things, { PK: "U#1", SK: "B" })).toBeUndefined();
      });

      it("refuses a put whose attribute_not_exists condition fails, keeping the first item", async () => {
        await store.put(things, thing("U#1", "A", { v: 1 }), { attributeNotExists: "PK" });
        const second = store.put(things, thing("U#1", "A", { v: 2 }), { attributeNotExists: "PK" });
        await expect(second).rejects.toBeInstanceOf(ConditionFailedError);
        expect(await store.get(things, { PK: "U#1", SK: "A" })).toMatchObject({ v: 1 });
      });

      it("updates only when the version matches (optimistic concurrency)", async () => {
        await store.put(things, thing("U#1", "A", { version: 1, name: "a" }));
        const updated = await store.update(
          things,
          { PK: "U#1", SK: "A" },
          { set: { version: 2, name: "b" } },
          { equals: ["version", 1] },
        );
        expect(updated).toEqual(thing("U#1", "A", { version: 2, name: "b" }));
        const stale = store.update(
          things,
          { PK: "U#1", SK: "A" },
          { set: { version: 2 } },
          { equals: ["version", 1] },
        );
        await expect(stale).rejects.toBeInstanceOf(ConditionFailedError);
        expect(await store.get(things, { PK: "U#1", SK: "A" })).toMatchObject({ version: 2, name: "b" });
      });

      it("creates an item on update when none exists, and removes attributes", async () => {
        const created = await store.update(things, { PK: "U#2", SK: "A" }, { set: { a: 1, b: 2 } });
        expect(created).toEqual(thing("U#2", "A", { a: 1, b: 2 }));
        const trimmed = await store.update(things, { PK: "U#2", SK: "A" }, { remove: ["b"] });
        expect(trimmed).toEqual(thing("U#2", "A", { a: 1 }));
      });

      it("refuses an update that would change a key attribute", async () => {
        const change = store.update(things, { PK: "U#1", SK: "A" }, { set: { SK: "B" } });
        await expect(change).rejects.toBeInstanceOf(StoreValidationError);
      });

      it("deletes, returning the old item; a failed conditional delete keeps it", async () => {
        await store.put(things, thing("U#1", "A", { state: "open" }));
        const refused = store.delete(things, { PK: "U#1", SK: "A" }, { equals: ["state", "closed"] });
        await expect(refused).rejects.toBeInstanceOf(ConditionFailedError);
        expect(await store.delete(things, { PK: "U#1", SK: "A" })).toMatchObject({ state: "open" });
        expect(await store.get(things, { PK: "U#1", SK: "A" })).toBeUndefined();
        expect(await store.delete(things, { PK: "U#1", SK: "A" })).toBeUndefined();
      });

      it("treats a missing attribute as not equal to any value, as DynamoDB does", async () => {
        await store.put(things, thing("U#1", "A", { s: "v" }));
        await store.put(things, thing("U#1", "B"));
        const onMissing = store.update(
          things,
          { PK: "U#1", SK: "B" },
          { set: { x: 1 } },
          { notEquals: ["s", "v"] },
        );
        await expect(onMissing).resolves.toMatchObject({ x: 1 });
        const onEqual = store.update(
          things,
          { PK: "U#1", SK: "A" },
          { set: { x: 1 } },
          { notEquals: ["s", "v"] },
        );
        await expect(onEqual).rejects.toBeInstanceOf(ConditionFailedError);
        const onNothing = store.update(
          things,
          { PK: "U#1", SK: "C" },
          { set: { x: 1 } },
          { equals: ["s", "v"] },
        );
        await expect(onNothing).rejects.toBeInstanceOf(ConditionFailedError);
        expect(await store.get(things, { PK: "U#1", SK: "C" })).toBeUndefined();
      });

      it("refuses malformed keys and oversized items", async () => {
        await expect(store.put(things, { PK: "U#1" })).rejects.toBeInstanceOf(StoreValidationError);
        await expect(store.put(things, { PK: "", SK: "A" })).rejects.toBeInstanceOf(StoreValidationError);
        await expect(store.get(scores, { player: "p", score: "1" })).rejects.toBeInstanceOf(
          StoreValidationError,
        );
        const big = thing("U#1", "BIG", { blob: "x".repeat(500 * 1024) });
        await expect(store.put(things, big)).rejects.toBeInstanceOf(StoreValidationError);
        expect(await store.get(things, { PK: "U#1", SK: "BIG" })).toBeUndefined();
      });
      it("refuses index keys of the wrong type, numbers DynamoDB cannot hold, and empty updates", async () => {
        await expect(store.put(things, thing("U#1", "A", { GSI1PK: 5, GSI1SK: "x" }))).rejects.toBeInstanceOf(
          StoreValidationError,
        );
        await expect(store.put(things, thing("U#1", "A", { n: 1e130 }))).rejects.toBeInstanceOf(
          StoreValidationError,
        );
        const nothing = store.update(things, { PK: "U#1", SK: "A" }, { set: { a: undefined as never } });
        await expect(nothing).rejects.toBeInstanceOf(StoreValidationError);
        await expect(store.query(things, { partition: "" })).rejects.toBeInstanceOf(StoreValidationError);
        expect(await store.get(things, { PK: "U#1", SK: "A" })).toBeUndefined();
      });
    });

    describe("queries", () => {
      beforeEach(async () => {
        for (const sk of ["TAG#a", "TAG#b", "TAG#c", "TIER#2026-01", "TIER#2026-02", "TIER#2026-03"]) {
          await store.put(things, thing("U#1", sk));
        }
        await store.put(things, thing("U#2", "TAG#a"));
      });
      const sks = (items: Item[]) => items.map((i) => i.SK);
      const q = async (sort: Parameters<TableStore["query"]>[1]["sort"], order?: "asc" | "desc") =>
        sks(
          (
            await store.query(things, {
              partition: "U#1",
              ...(sort ? { sort } : {}),
              ...(order ? { order } : {}),
            })
          ).items,
        );

      it("applies each sort-key condition", async () => {
        expect(await q(undefined)).toHaveLength(6);
        expect(await q({ equals: "TAG#b" })).toEqual(["TAG#b"]);
        expect(await q({ beginsWith: "TIER#" })).toEqual(["TIER#2026-01", "TIER#2026-02", "TIER#2026-03"]);
        expect(await q({ between: ["TAG#b", "TIER#2026-01"] })).toEqual(["TAG#b", "TAG#c", "TIER#2026-01"]);
        expect(await q({ lessThan: "TAG#b" })).toEqual(["TAG#a"]);
        expect(await q({ lessThanOrEqual: "TAG#b" })).toEqual(["TAG#a", "TAG#b"]);
        expect(await q({ greaterThan: "TIER#2026-02" })).toEqual(["TIER#2026-03"]);
        expect(await q({ greaterThanOrEqual: "TIER#2026-02" })).toEqual(["TIER#2026-02", "TIER#2026-03"]);
      });

      it("orders newest-first on request", async () => {
        expect(await q({ beginsWith: "TIER#" }, "desc")).toEqual([
          "TIER#2026-03",
          "TIER#2026-02",
          "TIER#2026-01",
        ]);
      });

      it("orders numeric sort keys by value, not by text", async () => {
        for (const score of [10, 2, -1, 2.5]) await store.put(scores, { player: "p", score });
        const page = await store.query(scores, { partition: "p", sort: { greaterThan: 0 } });
        expect(page.items.map((i) => i.score)).toEqual([2, 2.5, 10]);
      });

      it("pages with a limit and a cursor, each item once, cursor only while more remain", async () => {
        const seen: Item[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.query(things, {
            partition: "U#1",
            order: "desc",
            limit: 4,
            ...(cursor ? { cursor } : {}),
          });
          seen.push(...page.items);
          cursor = page.cursor;
          pages++;
        } while (cursor);
        expect(pages).toBe(2);
        expect(sks(seen)).toEqual([
          "TIER#2026-03",
          "TIER#2026-02",
          "TIER#2026-01",
          "TAG#c",
          "TAG#b",
          "TAG#a",
        ]);
        const exact = await store.query(things, { partition: "U#1", limit: 6 });
        expect(exact.items).toHaveLength(6);
        expect(exact.cursor).toBeUndefined();
      });

      it("refuses a cursor it did not issue and a begins_with on a numeric key", async () => {
        await expect(
          store.query(things, { partition: "U#1", cursor: "not-a-cursor" }),
        ).rejects.toBeInstanceOf(StoreValidationError);
        await expect(
          store.query(scores, { partition: "p", sort: { beginsWith: "1" } }),
        ).rejects.toBeInstanceOf(StoreValidationError);
      });
    });

    describe("global secondary indexes", () => {
      it("finds items by index key, skipping items without it (sparse), in order, in pages", async () => {
        await store.put(things, thing("U#1", "INFO#3", { GSI1PK: "EMAIL#a@x.io", GSI1SK: "INFO#3" }));
        await store.put(things, thing("U#1", "INFO#1", { GSI1PK: "EMAIL#a@x.io", GSI1SK: "INFO#1" }));
        await store.put(things, thing("U#2", "INFO#2", { GSI1PK: "EMAIL#a@x.io", GSI1SK: "INFO#2" }));
        await store.put(things, thing("U#3", "INFO#9"));
        const first = await store.query(things, {
          index: "GSI1",
          partition: "EMAIL#a@x.io",
          order: "desc",
          limit: 2,
        });
        expect(first.items.map((i) => i.SK)).toEqual(["INFO#3", "INFO#2"]);
        expect(first.cursor).toBeDefined();
        const rest = await store.query(things, {
          index: "GSI1",
          partition: "EMAIL#a@x.io",
          order: "desc",
          limit: 2,
          ...(first.cursor ? { cursor: first.cursor } : {}),
        });
        expect(rest.items.map((i) => i.SK)).toEqual(["INFO#1"]);
        expect(rest.cursor).toBeUndefined();
      });

      it("moves an item between index partitions when its index key changes, and drops it when removed", async () => {
        await store.put(things, thing("U#1", "INFO", { GSI1PK: "EMAIL#old@x.io", GSI1SK: "1" }));
        await store.update(things, { PK: "U#1", SK: "INFO" }, { set: { GSI1PK: "EMAIL#new@x.io" } });
        const byOld = await store.query(things, { index: "GSI1", partition: "EMAIL#old@x.io" });
        const byNew = await store.query(things, { index: "GSI1", partition: "EMAIL#new@x.io" });
        expect(byOld.items).toEqual([]);
        expect(byNew.items.map((i) => i.PK)).toEqual(["U#1"]);
        await store.update(things, { PK: "U#1", SK: "INFO" }, { remove: ["GSI1PK", "GSI1SK"] });
        expect((await store.query(things, { index: "GSI1", partition: "EMAIL#new@x.io" })).items).toEqual([]);
      });

      it("serves an index that has no sort key", async () => {
        await store.put(people, { id: "p1", email: "a@x.io" });
        await store.put(people, { id: "p2", email: "b@x.io" });
        const found = await store.query(people, { index: "email-index", partition: "b@x.io" });
        expect(found.items).toEqual([{ id: "p2", email: "b@x.io" }]);
      });
    });

    describe("transactions", () => {
      it("writes every action together", async () => {
        await store.put(things, thing("U#1", "COUNTER", { n: 1 }));
        await store.put(things, thing("U#1", "GONE"));
        await store.transactWrite([
          { put: { table: things, item: thing("U#1", "NEW"), condition: { attributeNotExists: "PK" } } },
          { update: { table: things, key: { PK: "U#1", SK: "COUNTER" }, changes: { set: { n: 2 } } } },
          { delete: { table: things, key: { PK: "U#1", SK: "GONE" } } },
          { put: { table: people, item: { id: "p1" } } },
        ]);
        expect(await store.get(things, { PK: "U#1", SK: "NEW" })).toBeDefined();
        expect(await store.get(things, { PK: "U#1", SK: "COUNTER" })).toMatchObject({ n: 2 });
        expect(await store.get(things, { PK: "U#1", SK: "GONE" })).toBeUndefined();
        expect(await store.get(people, { id: "p1" })).toEqual({ id: "p1" });
      });

      it("writes nothing when one condition fails, and says which", async () => {
        await store.put(things, thing("U#1", "TAKEN"));
        const attempt = store.transactWrite([
          { put: { table: things, item: thing("U#1", "FIRST") } },
          {
            put: {
              table: things,
              item: thing("U#1", "TAKEN", { v: 2 }),
              condition: { attributeNotExists: "PK" },
            },
          },
          { check: { table: people, key: { id: "nobody" }, condition: { attributeNotExists: "id" } } },
        ]);
        const error = await attempt.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TransactionCanceledError);
        expect((error as TransactionCanceledError).reasons).toEqual([
          "None",
          "ConditionalCheckFailed",
          "None",
        ]);
        expect(await store.get(things, { PK: "U#1", SK: "FIRST" })).toBeUndefined();
        expect(await store.get(things, { PK: "U#1", SK: "TAKEN" })).toEqual(thing("U#1", "TAKEN"));
      });

      it("fails on a condition check alone", async () => {
        const attempt = store.transactWrite([
          { put: { table: things, item: thing("U#1", "X") } },
          { check: { table: people, key: { id: "p9" }, condition: { attributeExists: "id" } } },
        ]);
        await expect(attempt).rejects.toBeInstanceOf(TransactionCanceledError);
        expect(await store.get(things, { PK: "U#1", SK: "X" })).toBeUndefined();
      });

      it("refuses two actions on one item and more than 100 actions", async () => {
        const twice = store.transactWrite([
          { put: { table: things, item: thing("U#1", "A") } },
          { delete: { table: things, key: { PK: "U#1", SK: "A" } } },
        ]);
        await expect(twice).rejects.toBeInstanceOf(StoreValidationError);
        const many = Array.from({ length: 101 }, (_, i) => ({
          put: { table: things, item: thing("U#1", `I${i}`) },
        }));
        await expect(store.transactWrite(many)).rejects.toBeInstanceOf(StoreValidationError);
        expect((await store.query(things, { partition: "U#1" })).items).toEqual([]);
      });
    });

    describe("batch get", () => {
      it("returns the items that exist, in the order asked", async () => {
        await store.put(people, { id: "p1" });
        await store.put(people, { id: "p3" });
        const found = await store.batchGet(people, [{ id: "p3" }, { id: "p2" }, { id: "p1" }]);
        expect(found).toEqual([{ id: "p3" }, { id: "p1" }]);
      });
    });

    scanContract(contractTables, () => ({ store, clock }));

    describe("time to live", () => {
      it("hides expired items from every read", async () => {
        const now = Math.floor(clock.now().getTime() / 1000);
        await store.put(things, thing("U#1", "OLD", { expires_at: now - 10, GSI1PK: "G", GSI1SK: "1" }));
        await store.put(things, thing("U#1", "SOON", { expires_at: now + 60, GSI1PK: "G", GSI1SK: "2" }));
        await store.put(things, thing("U#1", "KEEP"));
        expect(await store.get(things, { PK: "U#1", SK: "OLD" })).toBeUndefined();
        expect(await store.get(things, { PK: "U#1", SK: "SOON" })).toBeDefined();
        clock.advance(61_000);
        const left = await store.query(things, { partition: "U#1" });
        expect(left.items.map((i) => i.SK)).toEqual(["KEEP"]);
        expect((await store.query(things, { index: "GSI1", partition: "G" })).items).toEqual([]);
        expect(
          await store.batchGet(things, [
            { PK: "U#1", SK: "SOON" },
            { PK: "U#1", SK: "KEEP" },
          ]),
        ).toHaveLength(1);
      });

      it("shows an expired item to a get that asks, as conditions still see it until it is deleted", async () => {
        const now = Math.floor(clock.now().getTime() / 1000);
        await store.put(things, thing("U#2", "OLD", { expires_at: now - 10 }));

        const seen = await store.get(things, { PK: "U#2", SK: "OLD" }, { includeExpired: true });
        const put = store.put(things, thing("U#2", "OLD"), { attributeNotExists: "PK" });

        expect(seen).toMatchObject({ SK: "OLD", expires_at: now - 10 });
        await expect(put).rejects.toThrow(ConditionFailedError);
        await store.put(things, thing("U#2", "OLD"), { equals: ["expires_at", now - 10] });
        expect(await store.get(things, { PK: "U#2", SK: "OLD" })).toBeDefined();
      });
    });
  });
}
