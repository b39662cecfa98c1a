import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { beforeEach, describe, expect, it } from "vitest";
import {
  afterCommit,
  inOneTransaction,
  inTransaction,
  openSqlite,
} from "../../../src/platform/adapters/embedded/sqlite.database.ts";

/**
 * `inOneTransaction` on the connection the local process shares: what another connection to the file
 * (another process: the CLI, a restarted runtime) sees is what was committed.
 */
describe("one SQLite transaction per batch (inOneTransaction)", () => {
  let db: DatabaseSync;
  let elsewhere: DatabaseSync;

  const write = (name: string) =>
    inTransaction(db, () => void db.prepare("INSERT INTO rows (name) VALUES (?)").run(name));
  const committed = () =>
    (elsewhere.prepare("SELECT name FROM rows ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const visible = () =>
    (db.prepare("SELECT name FROM rows ORDER BY name").all() as { name: string }[]).map((r) => r.name);

  beforeEach(() => {
    const path = join(mkdtempSync(join(tmpdir(), "roster-one-transaction-test-")), "roster.sqlite");
    db = openSqlite(path);
    db.exec("CREATE TABLE rows (name TEXT PRIMARY KEY)");
    elsewhere = new DatabaseSync(path);
  });

  it("commits a batch's writes together when it ends, not one by one", async () => {
    let seenDuring: string[] = [];

    await inOneTransaction(db, "mapping-a", async () => {
      write("a");
      await Promise.resolve();
      write("b");
      seenDuring = committed();
    });

    expect(seenDuring).toEqual([]);
    expect(committed()).toEqual(["a", "b"]);
  });

  it("undoes only the write that threw, and commits the rest even when the batch throws", async () => {
    const batch = inOneTransaction(db, "mapping-a", async () => {
      write("a");
      expect(() =>
        inTransaction(db, () => {
          db.prepare("INSERT INTO rows (name) VALUES (?)").run("poison");
          throw new Error("this write fails");
        }),
      ).toThrow("this write fails");
      write("b");
      throw new Error("the batch failed");
    });

    await expect(batch).rejects.toThrow("the batch failed");
    expect(committed()).toEqual(["a", "b"]);
  });

  it("commits an open batch's writes before anyone else's statement on the connection runs", async () => {
    let release: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const batch = inOneTransaction(db, "mapping-a", async () => {
      write("batch-1");
      entered();
      await paused;
      write("batch-2");
    });
    await inside;

    const before = committed();
    const readOutside = visible();
    const afterRead = committed();
    write("outside");
    const afterWrite = committed();
    release();
    await batch;

    expect(before).toEqual([]);
    expect(readOutside).toEqual(["batch-1"]);
    expect(afterRead).toEqual(["batch-1"]);
    expect(afterWrite).toEqual(["batch-1", "outside"]);
    expect(committed()).toEqual(["batch-1", "batch-2", "outside"]);
  });

  it("keeps two mappings' batches apart: each commits the other's writes before its own", async () => {
    let release: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = inOneTransaction(db, "mapping-a", async () => {
      write("first-1");
      await paused;
      write("first-2");
    });
    await Promise.resolve();

    await inOneTransaction(db, "mapping-b", async () => {
      write("second");
    });
    const afterSecond = committed();
    release();
    await first;

    expect(afterSecond).toEqual(["first-1", "second"]);
    expect(committed()).toEqual(["first-1", "first-2", "second"]);
  });

  it("lets batches of one mapping (its shards) share the transaction, which the end of either commits", async () => {
    let release: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    const shard0 = inOneTransaction(db, "mapping-a", async () => {
      write("shard0-1");
      await paused;
      write("shard0-2");
    });
    await Promise.resolve();
    let duringShard1: string[] = [];

    await inOneTransaction(db, "mapping-a", async () => {
      write("shard1");
      duringShard1 = committed();
    });
    const afterShard1 = committed();
    release();
    await shard0;

    expect(duringShard1).toEqual([]);
    expect(afterShard1).toEqual(["shard0-1", "shard1"]);
    expect(committed()).toEqual(["shard0-1", "shard0-2", "shard1"]);
  });

  it("tells an append's listeners once the batch committed it, and at once outside a batch", async () => {
    const heard: { when: string; committed: string[] }[] = [];
    const listen = (when: string) => () => heard.push({ when, committed: committed() });

    await inOneTransaction(db, "mapping-a", async () => {
      write("a");
      afterCommit(db, listen("in the batch"));
      await Promise.resolve();
      expect(heard).toEqual([]);
    });
    await Promise.resolve();
    write("b");
    afterCommit(db, listen("outside"));

    expect(heard).toEqual([
      { when: "in the batch", committed: ["a"] },
      { when: "outside", committed: ["a", "b"] },
    ]);
  });

  it("writes after the batch ended are their own transactions again", async () => {
    await inOneTransaction(db, "mapping-a", async () => write("a"));

    write("b");

    expect(committed()).toEqual(["a", "b"]);
  });
});
