import { describe, expect, it } from "vitest";
import { LocalScheduler } from "../../../src/platform/adapters/embedded/local-scheduler.ts";
import type { ScheduleDeclaration } from "../../../src/platform/service/event-source.declaration.ts";
import { testLogger } from "../../support/log-capture.ts";

/** The run's logger, whose error lines the test reads too. */
function logs() {
  const logger = testLogger("test-local-scheduler");
  const errors: unknown[][] = [];
  const write = logger.error.bind(logger);
  // The scheduler logs a message and its attributes.
  logger.error = (message: string, attributes: Record<string, unknown>) => {
    errors.push([message, attributes]);
    write(message, attributes);
  };
  return { logger, errors };
}

/** A job that records its runs, holds its first run until `release()`, and counts runs at once. */
function gatedJob(name: string, order: string[]) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((done) => (release = done));
  let runs = 0;
  let going = 0;
  let mostAtOnce = 0;
  const job: ScheduleDeclaration = {
    name,
    rateMs: 60_000,
    handler: async () => {
      const run = ++runs;
      mostAtOnce = Math.max(mostAtOnce, ++going);
      order.push(`${name} start ${run}`);
      if (run === 1) await gate;
      order.push(`${name} end ${run}`);
      going--;
    },
  };
  return { job, release, mostAtOnce: () => mostAtOnce };
}

/** Lets every promise that can settle without a timer settle. */
const settle = () => new Promise((done) => setImmediate(done));

describe("the local scheduler", () => {
  it("runs one job at a time: a run due while another is going waits for it", async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((done) => (release = done));
    let runs = 0;
    const scheduler = new LocalScheduler(
      [
        {
          name: "billing",
          rateMs: 60_000,
          handler: async () => {
            const run = ++runs;
            order.push(`start ${run}`);
            if (run === 1) await gate;
            order.push(`end ${run}`);
          },
        },
      ],
      { ...logs(), timeoutMs: 1_000 },
    );

    const first = scheduler.run("billing");
    const second = scheduler.run("billing");
    await Promise.resolve();
    release();
    await Promise.all([first, second]);

    expect(order).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  it("logs a failed run by its name and error class and runs the next one", async () => {
    const { logger, errors } = logs();
    let runs = 0;
    const scheduler = new LocalScheduler(
      [
        {
          name: "renewals",
          rateMs: 60_000,
          handler: async () => {
            runs++;
            if (runs === 1) throw new TypeError("card 4242 4242 4242 4242 declined");
          },
        },
      ],
      { logger, timeoutMs: 1_000 },
    );

    await scheduler.run("renewals");
    await scheduler.run("renewals");

    expect(runs).toBe(2);
    expect(errors).toEqual([["scheduled run failed", { schedule: "renewals", error: "TypeError" }]]);
  });

  it("runs each job at its rate once started, and stop waits for the run in flight", async () => {
    let runs = 0;
    const scheduler = new LocalScheduler([{ name: "tick", rateMs: 20, handler: async () => void runs++ }], {
      ...logs(),
      timeoutMs: 1_000,
    });

    scheduler.start();
    while (runs < 2) await new Promise((done) => setTimeout(done, 10));
    await scheduler.stop();
    const after = runs;
    await new Promise((done) => setTimeout(done, 60));

    expect(runs).toBe(after);
  });

  it("runs every job once now, each after its run in flight, and answers when all have finished", async () => {
    const order: string[] = [];
    const billing = gatedJob("billing", order);
    const relay = gatedJob("relay", order);
    const scheduler = new LocalScheduler([billing.job, relay.job], { ...logs(), timeoutMs: 1_000 });
    const inFlight = scheduler.run("billing");
    await settle();
    relay.release();
    let answered = false;

    const now = scheduler.runNow().then((runs) => {
      answered = true;
      return runs;
    });
    await settle();
    const beforeRelease = { answered, order: [...order] };
    billing.release();
    const runs = await now;
    await inFlight;

    expect(beforeRelease).toEqual({
      answered: false,
      order: ["billing start 1", "relay start 1", "relay end 1"],
    });
    expect(order).toEqual([
      "billing start 1",
      "relay start 1",
      "relay end 1",
      "billing end 1",
      "billing start 2",
      "billing end 2",
    ]);
    expect(runs).toEqual([
      { schedule: "billing", ok: true },
      { schedule: "relay", ok: true },
    ]);
    expect(billing.mostAtOnce()).toBe(1);
  });

  it("never runs a job twice at once, however often it is asked to run now", async () => {
    const order: string[] = [];
    const billing = gatedJob("billing", order);
    const scheduler = new LocalScheduler([billing.job], { ...logs(), timeoutMs: 1_000 });

    const asked = [scheduler.runNow(), scheduler.runNow(), scheduler.run("billing")];
    await settle();
    billing.release();
    await Promise.all(asked);

    expect(billing.mostAtOnce()).toBe(1);
    expect(order).toEqual([
      "billing start 1",
      "billing end 1",
      "billing start 2",
      "billing end 2",
      "billing start 3",
      "billing end 3",
    ]);
  });

  it("logs a job that fails when run now, runs the others all the same, and says which failed", async () => {
    const { logger, errors } = logs();
    const ran: string[] = [];
    const scheduler = new LocalScheduler(
      [
        {
          name: "renewals",
          rateMs: 60_000,
          handler: async () => {
            throw new RangeError("no period after 9999");
          },
        },
        { name: "retries", rateMs: 60_000, handler: async () => void ran.push("retries") },
      ],
      { logger, timeoutMs: 1_000 },
    );

    const runs = await scheduler.runNow();

    expect(runs).toEqual([
      { schedule: "renewals", ok: false },
      { schedule: "retries", ok: true },
    ]);
    expect(ran).toEqual(["retries"]);
    expect(errors).toEqual([["scheduled run failed", { schedule: "renewals", error: "RangeError" }]]);
  });

  it("refuses to run a job nobody declared", async () => {
    const scheduler = new LocalScheduler([], { ...logs(), timeoutMs: 1_000 });

    await expect(scheduler.run("nothing")).rejects.toThrow("no schedule named nothing");
  });
});
