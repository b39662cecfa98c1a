import { describe, expect, it } from "vitest";
import { InvalidCursorError, StoreValidationError } from "../../../src/platform/store/store.errors.ts";
import type { TableSpec } from "../../../src/platform/store/table-spec.ts";
import type { Item, ScanInput, TableStore } from "../../../src/platform/store/table-store.port.ts";
import type { ManualClock } from "../../../src/platform/time/clock.port.ts";

/** The contract's tables that a scan reads: `things` has a sort key and a TTL, the others are neighbours. */
export interface ScanTables {
  readonly things: TableSpec;
  readonly scores: TableSpec;
  readonly people: TableSpec;
}

/**
 * The scan part of the TableStore contract, run by `tableStoreContract`: `fixture` gives the current
 * test's fresh store and its clock.
 */
export function scanContract(
  tables: ScanTables,
  fixture: () => { store: TableStore; clock: ManualClock },
): void {
  const { things, scores, people } = tables;
  describe("scan", () => {
    const keyOf = (item: Item) => `${item.PK}|${item.SK}`;
    /** Puts `partitions` x `perPartition` items in `things`, and returns their keys. */
    const fill = async (partitions: number, perPartition: number): Promise<string[]> => {
      const keys: string[] = [];
      for (let p = 0; p < partitions; p++) {
        for (let s = 0; s < perPartition; s++) {
          await fixture().store.put(things, { PK: `U#${p}`, SK: `S#${s}`, n: p * 10 + s });
          keys.push(`U#${p}|S#${s}`);
        }
      }
      return keys;
    };
    /** Every page of one scan (or segment), following the cursors. */
    const pages = async (input: ScanInput): Promise<Item[][]> => {
      const found: Item[][] = [];
      let cursor: string | undefined;
      do {
        const page = await fixture().store.scan(things, { ...input, ...(cursor ? { cursor } : {}) });
        found.push(page.items);
        cursor = page.cursor;
      } while (cursor);
      return found;
    };

    it("finds nothing, and no cursor, in an empty table", async () => {
      const { store } = fixture();

      const page = await store.scan(things);

      expect(page).toEqual({ items: [] });
    });

    it("pages through every item of the table once, the cursor present exactly while more follow", async () => {
      const keys = await fill(5, 5);
      await fixture().store.put(people, { id: "p1" });

      const byFive = await pages({ limit: 7 });
      const exact = await fixture().store.scan(things, { limit: 25 });
      const short = await fixture().store.scan(things, { limit: 24 });

      expect(byFive.map((page) => page.length)).toEqual([7, 7, 7, 4]);
      expect(byFive.flat().map(keyOf).sort()).toEqual([...keys].sort());
      expect(exact.items).toHaveLength(25);
      expect(exact.cursor).toBeUndefined();
      expect(short.items).toHaveLength(24);
      expect(short.cursor).toBeDefined();
    });

    it("continues after the page a cursor came from, and honours the cursor again", async () => {
      const keys = await fill(2, 3);
      const { store } = fixture();

      const first = await store.scan(things, { limit: 2 });
      const cursor = first.cursor ?? "";
      const rest = await store.scan(things, { cursor });
      const again = await store.scan(things, { cursor });

      expect(first.items).toHaveLength(2);
      expect(rest.cursor).toBeUndefined();
      expect([...first.items, ...rest.items].map(keyOf).sort()).toEqual([...keys].sort());
      expect(again.items.map(keyOf)).toEqual(rest.items.map(keyOf));
    });

    it("leaves out items whose TTL has passed, keeping pages full and the cursor exact", async () => {
      const { store, clock } = fixture();
      const now = Math.floor(clock.now().getTime() / 1000);
      for (const sk of ["A", "B", "C"])
        await store.put(things, { PK: `U#${sk}`, SK: sk, expires_at: now - 1 });
      await store.put(things, { PK: "U#D", SK: "D", expires_at: now + 60 });
      await store.put(things, { PK: "U#E", SK: "E" });
      await store.put(things, { PK: "U#F", SK: "F" });
      clock.advance(61_000);

      const found = await pages({ limit: 1 });

      expect(found.map((page) => page.length)).toEqual([1, 1]);
      expect(
        found
          .flat()
          .map((item) => item.SK)
          .sort(),
      ).toEqual(["E", "F"]);
    });

    it("splits the table into segments that together hold every item exactly once", async () => {
      const keys = await fill(8, 3);

      const segments = await Promise.all(
        [0, 1, 2].map(async (segment) => (await pages({ segment, totalSegments: 3, limit: 4 })).flat()),
      );

      const all = segments.flat().map(keyOf);
      expect(all).toHaveLength(keys.length);
      expect(all.sort()).toEqual([...keys].sort());
    });

    it("refuses a bad limit, half a segment pair and a segment out of range, naming the field; takes the bounds", async () => {
      const { store } = fixture();
      const refusals: [ScanInput, RegExp][] = [
        [{ limit: 0 }, /limit/],
        [{ limit: 2.5 }, /limit/],
        [{ segment: 0 }, /totalSegments is missing/],
        [{ totalSegments: 2 }, /segment is missing/],
        [{ segment: 0, totalSegments: 0 }, /totalSegments must be/],
        [{ segment: 0, totalSegments: 1_000_001 }, /totalSegments must be/],
        [{ segment: 3, totalSegments: 3 }, /segment must be/],
        [{ segment: -1, totalSegments: 3 }, /segment must be/],
      ];

      for (const [input, reason] of refusals) {
        const error = await store.scan(things, input).catch((e: unknown) => e);
        expect(error, JSON.stringify(input)).toBeInstanceOf(StoreValidationError);
        expect((error as Error).message, JSON.stringify(input)).toMatch(reason);
      }
      await expect(store.scan(things, { segment: 0, totalSegments: 1, limit: 1 })).resolves.toEqual({
        items: [],
      });
      const last = store.scan(things, { segment: 999_999, totalSegments: 1_000_000 });
      await expect(last).resolves.toEqual({ items: [] });
    });

    it("refuses a query's cursor, another table's and another segment's, and a query refuses a scan's", async () => {
      await fill(2, 3);
      const { store } = fixture();
      for (const score of [1, 2, 3]) await store.put(scores, { player: "p", score });
      const queried = await store.query(things, { partition: "U#0", limit: 1 });
      const scanned = await store.scan(things, { limit: 1 });
      const segmented = await store.scan(things, { segment: 0, totalSegments: 1, limit: 1 });

      const attempts = [
        store.scan(things, { cursor: queried.cursor ?? "" }),
        store.scan(scores, { cursor: scanned.cursor ?? "" }),
        store.scan(things, { cursor: segmented.cursor ?? "" }),
        store.scan(things, { segment: 0, totalSegments: 1, cursor: scanned.cursor ?? "" }),
        store.query(things, { partition: "U#0", cursor: scanned.cursor ?? "" }),
      ];

      for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
}
