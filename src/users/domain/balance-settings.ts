/** The low balance alert of the legacy `user-balance-settings` table (seed 003), in whole cents. */

import type { Checked } from "./contact.ts";

/** $10,000: above any balance an alert is useful for, and far inside a safe integer. */
export const MAX_LOW_BALANCE_ALERT_CENTS = 1_000_000;

export interface BalanceSettings {
  readonly user_id: string;
  /** Alert threshold in whole cents (5000 = $50.00). */
  readonly low_balance_alert: number;
  /** RFC 3339; when the settings were first written, never changed afterwards. */
  readonly created_at: string;
  /** RFC 3339; the last write. */
  readonly updated_at: string;
}

export function checkLowBalanceAlert(cents: number): Checked<number> {
  if (!Number.isSafeInteger(cents) || cents < 0 || cents > MAX_LOW_BALANCE_ALERT_CENTS) {
    return {
      ok: false,
      reason: `must be whole cents from 0 to ${MAX_LOW_BALANCE_ALERT_CENTS} ($10,000.00), e.g. 5000 for $50.00`,
    };
  }
  return { ok: true, value: cents };
}
