import { TransactionCanceledError } from "../../../platform/store/store.errors.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { AccountTokenRepository } from "../../ports/account-token.repository.ts";
import { accountTokensTable } from "./purchases.tables.ts";

/**
 * Account tokens both ways in one transaction: `user#{id}` (conditional on its absence, so two first
 * calls at once issue one token) and `token#{token}`. The loser of a race reads the winner's token.
 */
export class AccountTokenStoreRepository implements AccountTokenRepository {
  readonly #store: TableStore;
  constructor(store: TableStore) {
    this.#store = store;
  }

  async tokenOf(userId: string, candidate: string): Promise<string> {
    const existing = await this.#store.get(accountTokensTable, { key: `user#${userId}` });
    if (existing) return existing.token as string;
    try {
      await this.#store.transactWrite([
        {
          put: {
            table: accountTokensTable,
            item: { key: `user#${userId}`, token: candidate },
            condition: { attributeNotExists: "key" },
          },
        },
        { put: { table: accountTokensTable, item: { key: `token#${candidate}`, userId } } },
      ]);
      return candidate;
    } catch (error) {
      if (!(error instanceof TransactionCanceledError)) throw error;
      const winner = await this.#store.get(accountTokensTable, { key: `user#${userId}` });
      if (!winner) throw error;
      return winner.token as string;
    }
  }

  async userOf(token: string): Promise<string | undefined> {
    const item = await this.#store.get(accountTokensTable, { key: `token#${token}` });
    return item ? (item.userId as string) : undefined;
  }
}
