import { ConditionFailedError } from "../../../platform/store/store.errors.ts";
import type { Item, TableStore } from "../../../platform/store/table-store.port.ts";
import type { BalanceSettings } from "../../domain/balance-settings.ts";
import type { BalanceSettingsRepository } from "../../ports/balance-settings.repository.ts";
import {
  BALANCE_SETTINGS_KEY_ATTRIBUTE,
  balanceSettingsKey,
  fromBalanceSettingsItem,
  toBalanceSettingsItem,
} from "./balance-settings.mapper.ts";
import { balanceSettingsTable } from "./users.tables.ts";

const EXISTS = { attributeExists: BALANCE_SETTINGS_KEY_ATTRIBUTE } as const;
const NOT_EXISTS = { attributeNotExists: BALANCE_SETTINGS_KEY_ATTRIBUTE } as const;

/**
 * Balance settings on the legacy table, through its own store: on AWS the table lives in another
 * region than the primary table (seed 003), so it never joins the primary table's transactions.
 */
export class BalanceSettingsStoreRepository implements BalanceSettingsRepository {
  readonly #store: TableStore;
  constructor(store: TableStore) {
    this.#store = store;
  }

  async get(userId: string): Promise<BalanceSettings | undefined> {
    const item = await this.#store.get(balanceSettingsTable, balanceSettingsKey(userId));
    return item && fromBalanceSettingsItem(item);
  }

  /**
   * `created_at` is written only by a put conditional on the record not existing, so it is the first
   * write's however writes race; every other write is an update of an existing record that leaves it.
   */
  async save(userId: string, lowBalanceAlert: number, at: string): Promise<BalanceSettings> {
    const updated = await this.#updateExisting(userId, lowBalanceAlert, at);
    if (updated) return updated;
    const first: BalanceSettings = {
      user_id: userId,
      low_balance_alert: lowBalanceAlert,
      created_at: at,
      updated_at: at,
    };
    if (await this.#putIf(toBalanceSettingsItem(first))) return first;
    // Another request created the record between our update and our put: ours now updates it. There
    // is no delete, so the record still exists and this cannot fail on the condition.
    return (await this.#updateExisting(userId, lowBalanceAlert, at)) as BalanceSettings;
  }

  async #updateExisting(userId: string, alert: number, at: string): Promise<BalanceSettings | undefined> {
    try {
      const changes = { set: { low_balance_alert: alert, updated_at: at } };
      const item = await this.#store.update(
        balanceSettingsTable,
        balanceSettingsKey(userId),
        changes,
        EXISTS,
      );
      return fromBalanceSettingsItem(item);
    } catch (error) {
      if (error instanceof ConditionFailedError) return undefined;
      throw error;
    }
  }

  async #putIf(item: Item): Promise<boolean> {
    try {
      await this.#store.put(balanceSettingsTable, item, NOT_EXISTS);
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }
}
