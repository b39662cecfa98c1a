import type { BillingPeriodWire } from "../../../src/contracts/subscriptions/subscriptions.http.ts";
import { localClockCli, localToken } from "../../support/local-process.ts";

/** The period after the move, and (for a failure's message) what the Subscription Service did. */
export interface PassedPeriod {
  readonly period: BillingPeriodWire;
  /** The member's billing cycles and changes and the process's warnings and errors since the move. */
  explain(): Promise<string>;
}

/**
 * Lets the Subscription Service live through the end of `userId`'s current billing period on the
 * local process, so that what it does at a renewal (a pending downgrade applied and finalized with the
 * User Service) has happened: the local clock moved to just past the period's end with
 * `npm run clock -- to`, which answers once the billing runner has run at the new time, as a person
 * watching a month pass would do it. Answers the period billed afterwards; `explain()` tells the
 * story behind it when it is not the one expected.
 */
export async function passBillingPeriod(
  env: NodeJS.ProcessEnv,
  server: string,
  userId: string,
  output: () => string = () => "",
): Promise<PassedPeriod> {
  const url = new URL(server);
  const at = { ...env, HOST: url.hostname, PORT: url.port };
  const users = `${url.origin}/subscriptions/users/${encodeURIComponent(userId)}`;
  const read = async (path: string): Promise<{ status: number; body: unknown }> => {
    const token = await localToken(env, "--service", "e2e-billing");
    const res = await fetch(`${users}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  };
  const period = async (): Promise<BillingPeriodWire> => {
    const { status, body } = await read("/subscription/current-period");
    if (status !== 200) throw new Error(`current period answered ${status}`);
    return body as BillingPeriodWire;
  };
  const { end } = await period();
  const printedBefore = output().length;
  const moved = await localClockCli(at, "to", new Date(Date.parse(end) + 1_000).toISOString());
  if (moved.code !== 0) throw new Error(`the clock did not move: ${moved.stderr}`);
  return {
    period: await period(),
    explain: async () => {
      const billing = await read("/billing");
      const since = output().slice(printedBefore).split("\n");
      const complaints = since.filter((line) => /"level":"(WARN|ERROR|CRITICAL)"/.test(line));
      return [
        `the clock: ${moved.stdout.trim()}`,
        `the billing view (${billing.status}): ${JSON.stringify(billing.body, null, 1)}`,
        `warnings and errors since the move: ${complaints.join("\n") || "none"}`,
      ].join("\n");
    },
  };
}
