import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  PutRecordResult,
  StreamProducer,
  StreamRecordInput,
} from "../../../src/platform/events/stream-producer.port.ts";

/** A record as the stream holds it, read back by the adapter's own reading side. */
export interface StoredRecord {
  readonly partitionKey: string;
  readonly data: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
}

/**
 * A producer on a fresh, empty stream of two or more shards, and a way to read back every record of
 * that stream (each shard's records in that shard's order; shards may come one after the other).
 */
export interface StreamProducerFixture {
  readonly producer: StreamProducer;
  readonly stream: string;
  readAll(): Promise<StoredRecord[]>;
  close(): Promise<void>;
}

/** `count` records over `keys` partition keys; each record's data names its key and its rank in the key. */
function records(count: number, keys: number, from = 0): StreamRecordInput[] {
  return Array.from({ length: count }, (_, n) => {
    const i = from + n;
    const partitionKey = `auth0|user-${i % keys}`;
    return { partitionKey, data: JSON.stringify({ key: partitionKey, rank: Math.floor(i / keys), i }) };
  });
}

/** A record's place on the stream: sequence numbers are only unique within a shard. */
const place = (r: PutRecordResult) => `${r.shardId}/${r.sequenceNumber}`;
const rankOf = (r: StoredRecord) => (JSON.parse(r.data) as { rank: number }).rank;

/** True when each sequence number is greater than the one before (they are decimal strings of any length). */
function increasing(sequenceNumbers: readonly string[]): boolean {
  return sequenceNumbers.every((s, i) => i === 0 || BigInt(s) > BigInt(sequenceNumbers[i - 1] as string));
}

/**
 * The `StreamProducer` port's contract (src/platform/events/stream-producer.port.ts), for every adapter:
 * where each record landed comes back in request order, one key keeps one shard and its order, data
 * is stored as given, and any number of records may be put at once.
 */
export function streamProducerContract(adapter: string, open: () => Promise<StreamProducerFixture>): void {
  describe(`StreamProducer contract: ${adapter}`, () => {
    let fixture: StreamProducerFixture;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(async () => {
      await fixture?.close();
    });
    const put = (input: readonly StreamRecordInput[]) => fixture.producer.put(fixture.stream, input);

    it("answers in request order, one result per record, each naming a shard and a sequence number", async () => {
      const input = records(12, 12);

      const results = await put(input);

      expect(results).toHaveLength(input.length);
      for (const result of results) {
        expect(result.shardId).toMatch(/\S/);
        expect(result.sequenceNumber).toMatch(/^\d+$/);
      }
      const byPlace = new Map((await fixture.readAll()).map((r) => [place(r), r]));
      expect(results.map((r) => byPlace.get(place(r)))).toEqual(
        input.map((r, i) => ({ ...r, ...results[i] })),
      );
    });

    it("lands every record exactly once, with its data and key", async () => {
      const input = records(30, 7);

      await put(input);

      const stored = await fixture.readAll();
      const pairs = (rs: readonly StreamRecordInput[]) => rs.map((r) => `${r.partitionKey} ${r.data}`).sort();
      expect(pairs(stored)).toEqual(pairs(input));
      expect(new Set(stored.map(place)).size).toBe(stored.length);
    });

    it("keeps one partition key on one shard, with increasing sequence numbers in put order, across puts", async () => {
      const first = await put(records(9, 3));
      const second = await put(records(9, 3, 9));
      const third = await put(records(9, 3, 18));

      const results = [...first, ...second, ...third];
      const stored = await fixture.readAll();
      for (let key = 0; key < 3; key++) {
        const ofKey = results.filter((_, i) => i % 3 === key);
        expect(new Set(ofKey.map((r) => r.shardId)).size).toBe(1);
        expect(increasing(ofKey.map((r) => r.sequenceNumber))).toBe(true);
        const landed = stored.filter((r) => r.partitionKey === `auth0|user-${key}`);
        expect(landed.map(rankOf)).toEqual(landed.map((_, rank) => rank));
        expect(landed.map((r) => r.shardId)).toEqual(ofKey.map((r) => r.shardId));
      }
    });

    it("spreads many partition keys over more than one shard", async () => {
      const input = records(40, 40);

      const results = await put(input);

      expect(new Set(results.map((r) => r.shardId)).size).toBeGreaterThan(1);
      expect(new Set((await fixture.readAll()).map((r) => r.shardId)).size).toBeGreaterThan(1);
    });

    it("answers an empty put with no results and puts nothing", async () => {
      expect(await put([])).toEqual([]);
      expect(await fixture.readAll()).toEqual([]);
    });

    it("stores data as given: UTF-8 text beyond ASCII and JSON survive the round trip", async () => {
      const input = [
        { partitionKey: "auth0|zoë", data: '{"name":"Zoë Ødegård ✓","city":"東京","mood":"🎉"}' },
        {
          partitionKey: "auth0|ada",
          data: JSON.stringify({ quote: 'say "hi"\\n', tab: "\t", nested: [1, null] }),
        },
        { partitionKey: "auth0|ada", data: "  plain text with spaces, ünïcödé and a line\nbreak  " },
      ];

      await put(input);

      const stored = await fixture.readAll();
      for (const record of input) {
        expect(stored.filter((r) => r.data === record.data)).toEqual([
          expect.objectContaining({ partitionKey: record.partitionKey, data: record.data }),
        ]);
      }
      expect(JSON.parse(stored.find((r) => r.partitionKey === "auth0|zoë")?.data ?? "")).toEqual({
        name: "Zoë Ødegård ✓",
        city: "東京",
        mood: "🎉",
      });
    });

    it("puts more than 500 records in one call, each once, in order per key", async () => {
      const input = records(620, 5);

      const results = await put(input);

      expect(results).toHaveLength(input.length);
      const stored = await fixture.readAll();
      expect(stored).toHaveLength(input.length);
      const byPlace = new Map(stored.map((r) => [place(r), r]));
      expect(results.map((r) => byPlace.get(place(r))?.data)).toEqual(input.map((r) => r.data));
      for (let key = 0; key < 5; key++) {
        const landed = stored.filter((r) => r.partitionKey === `auth0|user-${key}`);
        expect(landed.map(rankOf)).toEqual(landed.map((_, rank) => rank));
      }
    });
  });
}
