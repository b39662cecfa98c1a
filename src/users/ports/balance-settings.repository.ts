import type { BalanceSettings } from "../domain/balance-settings.ts";

/** Low balance alerts, one record per user (the legacy `user-balance-settings` table). */
export interface BalanceSettingsRepository {
  get(userId: string): Promise<BalanceSettings | undefined>;
  /**
   * Sets the alert as of `at` (RFC 3339) and returns the record. `created_at` is written by the first
   * write only, however writes race; every write sets `updated_at`.
   */
  save(userId: string, lowBalanceAlert: number, at: string): Promise<BalanceSettings>;
}
