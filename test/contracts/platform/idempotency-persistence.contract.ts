import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyItemAlreadyExistsError,
  makeIdempotent,
} from "@aws-lambda-powertools/idempotency";
import type { Context } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { lambdaContext } from "../../../src/platform/adapters/embedded/lambda-context.ts";
import { TableStorePersistenceLayer } from "../../../src/platform/idempotency/table-store.persistence.ts";
import type { TableStore } from "../../../src/platform/store/table-store.port.ts";
import { type Clock, systemClock } from "../../../src/platform/time/clock.port.ts";

/** A type, not an interface: Powertools hashes a `JSONValue`, which an interface is not assignable to. */
type Order = { readonly order_id: string; readonly amount: number };

const KEY_PREFIX = "test-idempotency-contract";
const order = (order_id: string, amount = 10): Order => ({ order_id, amount });

/** Settles when `resolve` is called: a run that is still going, or one that died (never called). */
function gate<T = void>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Time passes for everyone: Powertools' stamps, the layer's comparisons and the store's TTL. */
function advance(milliseconds: number): void {
  vi.setSystemTime(Date.now() + milliseconds);
}

/**
 * The `TableStorePersistenceLayer` through Powertools' public API (`makeIdempotent`, `IdempotencyConfig`),
 * on any table store, wired as the workers wire it: the store on the system clock, the layer on
 * `Date.now`. `open` gives a store with an empty idempotency table whose "now" (for TTL) is the given
 * clock. Only `Date` is faked (timers and I/O stay real), frozen at the wall clock, so `advance` moves
 * Powertools, the layer and the store together.
 */
export function idempotencyPersistenceContract(
  adapter: string,
  open: (clock: Clock) => Promise<TableStore>,
): void {
  describe(`Powertools idempotency on the table store: ${adapter}`, () => {
    let store: TableStore;

    beforeEach(async () => {
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
      store = await open(systemClock);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    /** One Lambda instance: its own persistence layer and config (a layer is configured once), one store. */
    function instance(options: { expiresAfterSeconds?: number; context?: Context; on?: TableStore } = {}) {
      const layer = new TableStorePersistenceLayer({ store: options.on ?? store });
      const config = new IdempotencyConfig({
        eventKeyJmesPath: "order_id",
        expiresAfterSeconds: options.expiresAfterSeconds ?? 3600,
      });
      config.registerLambdaContext(options.context ?? lambdaContext("test-idempotency", 30_000));
      layer.configure({ config, keyPrefix: KEY_PREFIX });
      const idempotent = <R>(fn: (order: Order) => Promise<R>) =>
        makeIdempotent(fn, { persistenceStore: layer, config, keyPrefix: KEY_PREFIX });
      return { layer, idempotent };
    }

    /** A function that records each run of it and answers a receipt naming the run. */
    function charging() {
      const runs: string[] = [];
      const charge = async ({ order_id, amount }: Order) => {
        runs.push(order_id);
        return { order_id, charged: amount, receipt: `receipt-${runs.length}`, lines: [{ amount }] };
      };
      return { runs, charge };
    }

    it("runs a function once per key; a repeat, from this or another instance, gets the stored result", async () => {
      const { runs, charge } = charging();
      const first = instance().idempotent(charge);
      const second = instance().idempotent(charge);

      const result = await first(order("o-1"));
      const repeated = await first(order("o-1"));
      const elsewhere = await second(order("o-1"));
      const other = await second(order("o-2", 7));

      expect(runs).toEqual(["o-1", "o-2"]);
      expect(result).toEqual({ order_id: "o-1", charged: 10, receipt: "receipt-1", lines: [{ amount: 10 }] });
      expect(repeated).toEqual(result);
      expect(elsewhere).toEqual(result);
      expect(other).toMatchObject({ order_id: "o-2", charged: 7, receipt: "receipt-2" });
    });

    it("leaves no record when the function throws: the next call runs it", async () => {
      let attempts = 0;
      const flaky = instance().idempotent(async ({ order_id }: Order) => {
        attempts++;
        if (attempts === 1) throw new Error("payment gateway down");
        return `charged ${order_id}`;
      });

      await expect(flaky(order("o-3"))).rejects.toThrow("payment gateway down");
      expect(await flaky(order("o-3"))).toBe("charged o-3");
      expect(await instance().idempotent(async () => "never run")(order("o-3"))).toBe("charged o-3");

      expect(attempts).toBe(2);
    });

    it("refuses a concurrent call while a run is in progress, and serves that run's result once it ends", async () => {
      const started = gate();
      const release = gate();
      const slow = instance().idempotent(async ({ order_id }: Order) => {
        started.resolve();
        await release.promise;
        return `first run of ${order_id}`;
      });
      const concurrent = instance().idempotent(async () => "second run");

      const running = slow(order("o-4"));
      await started.promise;

      await expect(concurrent(order("o-4"))).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
      release.resolve();
      expect(await running).toBe("first run of o-4");
      expect(await concurrent(order("o-4"))).toBe("first run of o-4");
    });

    it("takes over a run that died in progress once its invocation's deadline has passed", async () => {
      const started = gate();
      // The first invocation had 500 ms left when it began, and never finishes (the instance died).
      const dying = instance({ context: lambdaContext("test-idempotency", 500) });
      void dying.idempotent(async () => {
        started.resolve();
        return gate<string>().promise;
      })(order("o-5"));
      await started.promise;
      const retry = instance().idempotent(async ({ order_id }: Order) => `recovered ${order_id}`);

      await expect(retry(order("o-5"))).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
      advance(1_000);
      expect(await retry(order("o-5"))).toBe("recovered o-5");
      expect(await instance().idempotent(async () => "never run")(order("o-5"))).toBe("recovered o-5");
    });

    it("replaces a COMPLETED record whose expiry has passed: the function runs again", async () => {
      const { runs, charge } = charging();
      await instance({ expiresAfterSeconds: 60 }).idempotent(charge)(order("o-6"));

      advance(2 * 60_000);
      // A later invocation, with a context of its own.
      const later = instance({ expiresAfterSeconds: 60 }).idempotent(charge);
      const again = await later(order("o-6"));
      const repeated = await later(order("o-6"));

      expect(runs).toEqual(["o-6", "o-6"]);
      expect(again).toMatchObject({ receipt: "receipt-2" });
      expect(repeated).toEqual(again);
    });

    it("lets exactly one of two racing in-progress saves for a key win", async () => {
      const a = instance().layer;
      const b = instance().layer;

      const results = await Promise.allSettled([
        a.saveInProgress(order("o-7"), 30_000),
        b.saveInProgress(order("o-7"), 30_000),
      ]);

      expectOneWinner(results);
    });

    it("lets exactly one of two racing take-overs of a stale in-progress record win", async () => {
      // Left by an invocation that had 500 ms left and died; 600 ms later two retries race for the key.
      // Powertools rounds expiries to seconds, so status and expiry alone cannot tell the writes apart.
      advance(1_000 - (Date.now() % 1_000) + 600); // at x.6 s: x.6 s and x+1.2 s round to one expiry
      await instance().layer.saveInProgress(order("o-8"), 500);
      advance(600);
      // Both read the stale record before either writes: the interleaving a real race can have.
      const both = readsMeetingAt(store, 2);
      const a = instance({ on: both }).layer;
      const b = instance({ on: both }).layer;

      const results = await Promise.allSettled([
        a.saveInProgress(order("o-8"), 30_000),
        b.saveInProgress(order("o-8"), 30_000),
      ]);

      expectOneWinner(results);
    });

    it("completing together: a batch's results are stored when it ends (past 100 of them), a repeat inside it gets the held result", async () => {
      const { runs, charge } = charging();
      const batch = instance();
      const idempotent = batch.idempotent(charge);
      const elsewhere = instance().idempotent(async () => "never run");
      const orders = Array.from({ length: 101 }, (_, i) => order(`o-batch-${i}`, i));

      const first = await batch.layer.completingTogether(async () => {
        const results = await Promise.all(orders.map((o) => idempotent(o)));
        expect(await idempotent(order("o-batch-0", 0))).toEqual(results[0]);
        await expect(elsewhere(order("o-batch-0", 0))).rejects.toBeInstanceOf(
          IdempotencyAlreadyInProgressError,
        );
        return results;
      });

      expect(runs).toHaveLength(101);
      expect(await elsewhere(order("o-batch-0", 0))).toEqual(first[0]);
      expect(await elsewhere(order("o-batch-100", 100))).toEqual(first[100]);
      expect(runs).toHaveLength(101);
    });

    it("completing together: the held results are stored even when the batch throws, a failed run's is not", async () => {
      let runs = 0;
      const batch = instance();
      const idempotent = batch.idempotent(async ({ order_id }: Order) => {
        runs++;
        if (order_id === "o-poison") throw new Error("cannot charge");
        return `charged ${order_id}`;
      });
      const later = instance().idempotent(async ({ order_id }: Order) => `later run of ${order_id}`);

      const settled = batch.layer.completingTogether(async () => {
        await idempotent(order("o-fine"));
        await expect(idempotent(order("o-poison"))).rejects.toThrow("cannot charge");
        throw new Error("the batch is retried");
      });

      await expect(settled).rejects.toThrow("the batch is retried");
      expect(await later(order("o-fine"))).toBe("charged o-fine");
      expect(await later(order("o-poison"))).toBe("later run of o-poison");
      expect(runs).toBe(2);
    });
  });
}

/** A store whose first `count` gets answer only once all of them were asked. */
function readsMeetingAt(store: TableStore, count: number): TableStore {
  const waiting: (() => void)[] = [];
  let left = count;
  return {
    put: (...args) => store.put(...args),
    update: (...args) => store.update(...args),
    delete: (...args) => store.delete(...args),
    query: (...args) => store.query(...args),
    scan: (...args) => store.scan(...args),
    transactWrite: (...args) => store.transactWrite(...args),
    batchGet: (...args) => store.batchGet(...args),
    get: async (...args) => {
      const item = await store.get(...args);
      if (left <= 0) return item;
      left--;
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (left === 0) for (const release of waiting.splice(0)) release();
      });
      return item;
    },
  };
}

function expectOneWinner(results: PromiseSettledResult<void>[]): void {
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const [lost] = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
  expect(lost).toBeInstanceOf(IdempotencyItemAlreadyExistsError);
}
