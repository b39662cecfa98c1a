import { unmarshall } from "@aws-sdk/util-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { TransactionCanceledError } from "../../../src/platform/store/store.errors.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { contractTables } from "../../contracts/platform/table-store.contract.ts";

const { things, people } = contractTables;
const TABLE = "test-contract-things";

describe("embedded store: the DynamoDB-Streams-shaped change feed and TTL sweeping", () => {
  let store: SqliteTableStore;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock("2026-11-22T10:00:00Z");
    store = new SqliteTableStore(openSqlite(":memory:"), "test", clock);
  });
  const changes = () => store.changes.read(TABLE);

  it("records INSERT, MODIFY and REMOVE with keys and images in AttributeValue form, in order", async () => {
    await store.put(things, { PK: "U#1", SK: "A", n: 1, tags: { x: true } });
    await store.update(things, { PK: "U#1", SK: "A" }, { set: { n: 2 } });
    await store.delete(things, { PK: "U#1", SK: "A" });
    const [insert, modify, remove] = changes();
    expect([insert?.eventName, modify?.eventName, remove?.eventName]).toEqual(["INSERT", "MODIFY", "REMOVE"]);
    expect(insert?.dynamodb?.Keys).toEqual({ PK: { S: "U#1" }, SK: { S: "A" } });
    expect(insert?.dynamodb?.NewImage).toEqual({
      PK: { S: "U#1" },
      SK: { S: "A" },
      n: { N: "1" },
      tags: { M: { x: { BOOL: true } } },
    });
    expect(insert?.dynamodb?.OldImage).toBeUndefined();
    expect(unmarshall(modify?.dynamodb?.OldImage as never)).toMatchObject({ n: 1 });
    expect(unmarshall(modify?.dynamodb?.NewImage as never)).toMatchObject({ n: 2 });
    expect(remove?.dynamodb?.NewImage).toBeUndefined();
    expect(insert).toMatchObject({ eventSource: "aws:dynamodb", eventVersion: "1.1" });
    expect(insert?.dynamodb).toMatchObject({
      StreamViewType: "NEW_AND_OLD_IMAGES",
      ApproximateCreationDateTime: Date.parse("2026-11-22T10:00:00Z") / 1000,
    });
    const sequences = [insert, modify, remove].map((r) => r?.dynamodb?.SequenceNumber ?? "");
    expect(sequences.every((s) => /^\d{21}$/.test(s))).toBe(true);
    expect([...sequences].sort()).toEqual(sequences);
    expect(insert?.userIdentity).toBeUndefined();
  });

  it("records nothing for a write that changes nothing, a failed transaction, or a table without a feed", async () => {
    await store.put(things, { PK: "U#1", SK: "A", n: 1 });
    await store.put(things, { PK: "U#1", SK: "A", n: 1 });
    await store.put(people, { id: "p1" });
    const failed = store.transactWrite([
      { put: { table: things, item: { PK: "U#1", SK: "B" } } },
      { put: { table: things, item: { PK: "U#1", SK: "A" }, condition: { attributeNotExists: "PK" } } },
    ]);
    await expect(failed).rejects.toBeInstanceOf(TransactionCanceledError);
    expect(changes().map((c) => c.eventName)).toEqual(["INSERT"]);
    expect(store.changes.read("test-contract-people")).toEqual([]);
  });

  it("reads the feed from a position, so a consumer can resume", async () => {
    for (const sk of ["A", "B", "C"]) await store.put(things, { PK: "U#1", SK: sk });
    const [first] = changes();
    const rest = store.changes.read(TABLE, first?.sequence);
    expect(rest.map((c) => c.dynamodb?.Keys?.SK?.S)).toEqual(["B", "C"]);
  });

  it("sweeps expired items with REMOVE records marked as DynamoDB's own TTL deletions", async () => {
    const now = Math.floor(clock.now().getTime() / 1000);
    await store.put(things, { PK: "U#1", SK: "OLD", expires_at: now + 10, GSI1PK: "G", GSI1SK: "1" });
    await store.put(things, { PK: "U#1", SK: "KEEP", expires_at: now + 3600 });
    expect(store.sweepExpired([things])).toBe(0);
    clock.advance(11_000);
    expect(store.sweepExpired([things])).toBe(1);
    const removal = changes().at(-1);
    expect(removal).toMatchObject({
      eventName: "REMOVE",
      userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" },
    });
    expect(unmarshall(removal?.dynamodb?.OldImage as never)).toMatchObject({ SK: "OLD" });
    clock.advance(-11_000);
    expect(await store.get(things, { PK: "U#1", SK: "OLD" })).toBeUndefined();
    expect((await store.query(things, { index: "GSI1", partition: "G" })).items).toEqual([]);
  });
});
