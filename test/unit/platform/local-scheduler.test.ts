import { describe, expect, it } from "vitest";
import { LocalScheduler } from "../../../src/platform/adapters/embedded/local-scheduler.ts";
import type { Logger } from "../../../src/platform/logging/logger.ts";

function logs() {
  const errors: unknown[][] = [];
  const logger = { error: (...args: unknown[]) => void errors.push(args) } as unknown as Logger;
  return { logger, errors };
}

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

  it("refuses to run a job nobody declared", async () => {
    const scheduler = new LocalScheduler([], { ...logs(), timeoutMs: 1_000 });

    await expect(scheduler.run("nothing")).rejects.toThrow("no schedule named nothing");
  });
});
