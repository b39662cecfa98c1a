import type { Item, Key } from "../../../platform/store/table-store.port.ts";
import type { BalanceSettings } from "../../domain/balance-settings.ts";

/** The legacy table is keyed by the bare `user_id` (seed 003): no prefixes, no sort key. */
export const balanceSettingsKey = (userId: string): Key => ({ user_id: userId });
export const BALANCE_SETTINGS_KEY_ATTRIBUTE = "user_id";

export function toBalanceSettingsItem(settings: BalanceSettings): Item {
  return { ...settings };
}

/** Records written before `updated_at` existed read as last updated when created. */
export function fromBalanceSettingsItem(item: Item): BalanceSettings {
  return {
    user_id: String(item.user_id),
    low_balance_alert: Number(item.low_balance_alert),
    created_at: String(item.created_at),
    updated_at: String(item.updated_at ?? item.created_at),
  };
}
