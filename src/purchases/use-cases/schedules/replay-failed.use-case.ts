import { receiveAppleNotification } from "../notifications/receive-apple-notification.use-case.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";

/** The replay looks back a day and an hour, so consecutive daily runs overlap (recording is once). */
export const REPLAY_LOOKBACK_MS = 25 * 60 * 60 * 1000;

export interface ReplayResult {
  /** Failed deliveries Apple listed. */
  readonly listed: number;
  /** Of those, recorded now (the others had reached Roster on a retry). */
  readonly recorded: number;
  /** Payloads that did not verify or could not be read: logged by count, never by content. */
  readonly refused: number;
  /** App and environment pairs whose history could not be read now (the job reports it failed). */
  readonly unavailable: number;
}

/**
 * The daily replay: for each Apple app and environment, the notifications Apple failed to deliver in
 * the last day (`getNotificationHistory` with `onlyFailures`), each taken as if it had been pushed:
 * verified, recorded once, its fetch queued. One that does not verify is counted and skipped; one app's
 * failure (its API down) does not stop the others' replay: it is counted in `unavailable`.
 */
export async function replayFailedNotifications(
  deps: Pick<PurchasesDeps, "apps" | "apple" | "notifications" | "fetchQueue" | "clock">,
): Promise<ReplayResult> {
  const to = deps.clock.now();
  const from = new Date(to.getTime() - REPLAY_LOOKBACK_MS);
  const result = { listed: 0, recorded: 0, refused: 0, unavailable: 0 };
  for (const app of deps.apps.filter((candidate) => candidate.platform === "apple"))
    for (const environment of app.environments) {
      let payloads: string[];
      try {
        payloads = await deps.apple.api.failedNotifications({ bundleId: app.app, environment }, from, to);
      } catch {
        result.unavailable += 1;
        continue;
      }
      result.listed += payloads.length;
      for (const signedPayload of payloads) {
        try {
          const receipt = await receiveAppleNotification(deps, { signedPayload });
          if (receipt.recorded) result.recorded += 1;
        } catch {
          result.refused += 1;
        }
      }
    }
  return result;
}
