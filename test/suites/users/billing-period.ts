import { join } from "node:path";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { loadLocalConfig } from "../../../src/platform/config/local.config.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { randomIds } from "../../../src/platform/time/id-generator.port.ts";
import { SandboxSubscriptionService } from "../../../src/users/adapters/sandbox/subscription-service.sandbox.ts";
import type { BillingPeriod } from "../../../src/users/ports/subscription-service.port.ts";

/**
 * Lets the local Subscription Service sandbox live through the end of `userId`'s current billing period,
 * so that what it does at a renewal (a pending downgrade applied) has happened. The local process runs
 * on the wall clock and a period lasts a month, so this is the one step of a lifecycle walk that cannot
 * be done over HTTP: it plays the external service's billing cycle, through the sandbox's own class on
 * the process's data folder (SQLite takes the two processes' writes in turn), and touches no record of
 * the User Service. Answers the period the sandbox bills afterwards.
 */
export async function passBillingPeriod(env: NodeJS.ProcessEnv, userId: string): Promise<BillingPeriod> {
  const config = loadLocalConfig(env);
  const db = openSqlite(join(config.ROSTER_DATA_DIR, "roster.sqlite"));
  try {
    const clock = new ManualClock(new Date());
    const subscriptions = new SandboxSubscriptionService({
      store: new SqliteTableStore(db, config.STAGE, clock),
      clock,
      ids: randomIds,
    });
    const { end } = await subscriptions.currentPeriod(userId);
    clock.set(new Date(Date.parse(end) + 1_000));
    // Any mutating call stores the subscription as it stands at the clock's time (renewed); `resume`
    // changes nothing else on a subscription that is neither paused nor cancelling.
    await subscriptions.resume(userId, { idempotencyKey: `e2e-billing-cycle:${userId}:${end}` });
    return await subscriptions.currentPeriod(userId);
  } finally {
    db.close();
  }
}
