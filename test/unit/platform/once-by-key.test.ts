import { describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { IdempotencyKeyReusedError, onceByKey } from "../../../src/platform/idempotency/once-by-key.ts";
import type { TableSpec } from "../../../src/platform/store/table-spec.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";

const table = {
  name: "once-test",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const satisfies TableSpec;

function counting() {
  const store = new SqliteTableStore(openSqlite(":memory:"), "test", new ManualClock("2026-11-22T09:30:00Z"));
  let effects = 0;
  const effect = async () => ({
    result: { n: ++effects },
    writes: [{ put: { table, item: { pk: "EFFECT", sk: String(effects) } } }],
  });
  return { store, effect, effects: () => effects };
}

describe("onceByKey", () => {
  it("answers a repeated key with the stored result and runs the effect once", async () => {
    const { store, effect, effects } = counting();
    const key = { pk: "KEY#a", sk: "KEY" };
    expect(await onceByKey(store, table, key, effect)).toEqual({ n: 1 });
    expect(await onceByKey(store, table, key, effect)).toEqual({ n: 1 });
    expect(effects()).toBe(1);
  });

  it("with a fingerprint, refuses the key with other parameters and writes nothing", async () => {
    const { store, effect, effects } = counting();
    const key = { pk: "KEY#b", sk: "KEY" };
    await onceByKey(store, table, key, effect, { fingerprint: "amount=1000" });
    expect(await onceByKey(store, table, key, effect, { fingerprint: "amount=1000" })).toEqual({ n: 1 });
    await expect(onceByKey(store, table, key, effect, { fingerprint: "amount=2000" })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    expect(effects()).toBe(1);
    expect((await store.query(table, { partition: "EFFECT" })).items).toHaveLength(1);
  });
});
