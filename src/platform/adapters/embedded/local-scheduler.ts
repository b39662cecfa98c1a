import type { Logger } from "../../logging/logger.ts";
import type { ScheduleDeclaration } from "../../service/event-source.declaration.ts";
import { lambdaContext } from "./lambda-context.ts";

/** One run of a schedule, and whether it succeeded (a failure is logged by its error class). */
export interface ScheduledRun {
  readonly schedule: string;
  readonly ok: boolean;
}

/**
 * EventBridge Scheduler's `rate(...)` schedules in the local process: each declared job runs every
 * `rateMs`, one run at a time (a run still going when the next is due makes that one wait, as a
 * Lambda with reserved concurrency 1 would), and a failed run is logged, never fatal: the next one comes.
 */
export class LocalScheduler {
  readonly #jobs: readonly ScheduleDeclaration[];
  readonly #logger: Logger;
  readonly #timeoutMs: number;
  readonly #timers: NodeJS.Timeout[] = [];
  /** Each job's latest run (in flight or done): the next run of that job starts after it. */
  readonly #running = new Map<string, Promise<boolean>>();

  constructor(jobs: readonly ScheduleDeclaration[], options: { logger: Logger; timeoutMs: number }) {
    this.#jobs = jobs;
    this.#logger = options.logger;
    this.#timeoutMs = options.timeoutMs;
  }

  start(): void {
    if (this.#timers.length > 0) return;
    for (const job of this.#jobs) {
      const timer = setInterval(() => void this.run(job.name), job.rateMs);
      timer.unref();
      this.#timers.push(timer);
    }
  }

  /** Runs one job now (after its run in flight, if any); what the timers call. */
  async run(name: string): Promise<void> {
    const job = this.#jobs.find((candidate) => candidate.name === name);
    if (!job) throw new Error(`no schedule named ${name}`);
    await this.#enqueue(job);
  }

  /**
   * Runs every job once now, each after its own run in flight (so never two runs of one job at once),
   * and answers when all have finished, each with whether it succeeded: what the local clock's move
   * calls, so that every schedule has seen the new time before the move is answered. A failed run is
   * logged and the others run all the same.
   */
  async runNow(): Promise<ScheduledRun[]> {
    return Promise.all(this.#jobs.map(async (job) => ({ schedule: job.name, ok: await this.#enqueue(job) })));
  }

  #enqueue(job: ScheduleDeclaration): Promise<boolean> {
    const previous = this.#running.get(job.name) ?? Promise.resolve(true);
    const next = previous.then(async () => {
      try {
        await job.handler(lambdaContext(job.name, this.#timeoutMs));
        return true;
      } catch (error) {
        this.#logger.error("scheduled run failed", {
          schedule: job.name,
          error: error instanceof Error ? error.name : "unknown",
        });
        return false;
      }
    });
    this.#running.set(job.name, next);
    return next;
  }

  /** Stops the timers and waits for the runs in flight. */
  async stop(): Promise<void> {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    await Promise.all(this.#running.values());
  }
}
