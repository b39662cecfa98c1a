/** Waiting on a running system by polling with a deadline, never by asserting how long anything took. */
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Polls `probe` every `intervalMs` until `done` accepts its answer or `timeoutMs` passes, and answers the
 * last one either way: the assertions that follow show what was missing.
 */
export async function settled<T>(
  probe: () => Promise<T>,
  done: (answer: T) => boolean,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (done(answer) || Date.now() > deadline) return answer;
    await sleep(intervalMs);
  }
}
