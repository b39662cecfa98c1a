import type { BillingPeriodWire } from "../../../src/contracts/subscriptions/subscriptions.http.ts";
import { localClockCli, localToken } from "../../support/local-process.ts";

/**
 * Lets the Subscription Service live through the end of `userId`'s current billing period on the
 * local process, so that what it does at a renewal (a pending downgrade applied and finalized with the
 * User Service) has happened: the local clock moved to just past the period's end with
 * `npm run clock -- to`, which answers once the billing runner has run at the new time, as a person
 * watching a month pass would do it. Answers the period billed afterwards.
 */
export async function passBillingPeriod(
  env: NodeJS.ProcessEnv,
  server: string,
  userId: string,
): Promise<BillingPeriodWire> {
  const url = new URL(server);
  const at = { ...env, HOST: url.hostname, PORT: url.port };
  const base = `${url.origin}/subscriptions/users/${encodeURIComponent(userId)}/subscription`;
  const period = async (): Promise<BillingPeriodWire> => {
    const token = await localToken(env, "--service", "e2e-billing");
    const res = await fetch(`${base}/current-period`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`current period answered ${res.status}`);
    return (await res.json()) as BillingPeriodWire;
  };
  const { end } = await period();
  const moved = await localClockCli(at, "to", new Date(Date.parse(end) + 1_000).toISOString());
  if (moved.code !== 0) throw new Error(`the clock did not move: ${moved.stderr}`);
  return period();
}
