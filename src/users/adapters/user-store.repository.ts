import { TransactionCanceledError } from "../../platform/store/store.errors.ts";
import type { TableStore } from "../../platform/store/table-store.port.ts";
import type { Tag, User, UserEventType } from "../domain/user.ts";
import type { UserRepository } from "../ports/user.repository.ts";
import { ConcurrentUpdateError, UserExistsError } from "../use-cases/user.errors.ts";
import {
  emailGsiPk,
  fromUserItem,
  phoneGsiPk,
  toTagItem,
  toUserItem,
  USER_SK_PREFIX,
  userPk,
  userSk,
} from "./user.mapper.ts";
import { usersTable } from "./users.tables.ts";

/** Users on the single table: versioned USER items, TAG items beside them. */
export class UserStoreRepository implements UserRepository {
  readonly #store: TableStore;
  constructor(store: TableStore) {
    this.#store = store;
  }

  async create(user: User, startTag: Tag, eventType: UserEventType): Promise<void> {
    // The START_DATE tag is written once per user, at sign-up: it doubles as the guard that makes a
    // second sign-up of the same id fail inside the transaction, whatever the racing request does.
    try {
      await this.#store.transactWrite([
        {
          put: {
            table: usersTable,
            item: toUserItem(user, eventType),
            condition: { attributeNotExists: "PK" },
          },
        },
        {
          put: {
            table: usersTable,
            item: toTagItem(user.user_id, startTag),
            condition: { attributeNotExists: "PK" },
          },
        },
      ]);
    } catch (error) {
      if (error instanceof TransactionCanceledError) throw new UserExistsError(user.user_id);
      throw error;
    }
  }

  async saveVersion(previous: User, next: User, eventType: UserEventType): Promise<void> {
    const previousKey = { PK: userPk(previous.user_id), SK: userSk(previous.user_date_updated) };
    if (previousKey.SK >= userSk(next.user_date_updated)) throw new ConcurrentUpdateError(previous.user_id);
    try {
      await this.#store.transactWrite([
        // Only the current version carries GSI1/GSI2 keys, so lookups never answer with an old one.
        // The newest version must still be `previous`: no version newer than it may exist.
        {
          update: {
            table: usersTable,
            key: previousKey,
            changes: {
              remove: ["GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"],
              set: { superseded_by: userSk(next.user_date_updated) },
            },
            condition: { and: [{ attributeExists: "PK" }, { attributeNotExists: "superseded_by" }] },
          },
        },
        {
          put: {
            table: usersTable,
            item: toUserItem(next, eventType),
            condition: { attributeNotExists: "PK" },
          },
        },
      ]);
    } catch (error) {
      if (error instanceof TransactionCanceledError) throw new ConcurrentUpdateError(previous.user_id);
      throw error;
    }
  }

  async current(userId: string): Promise<User | undefined> {
    const page = await this.#store.query(usersTable, {
      partition: userPk(userId),
      sort: { beginsWith: USER_SK_PREFIX },
      order: "desc",
      limit: 1,
    });
    const [item] = page.items;
    return item && fromUserItem(item);
  }

  findByEmail(email: string): Promise<User[]> {
    return this.#lookup("GSI1", emailGsiPk(email));
  }

  findByPhone(phone: string): Promise<User[]> {
    return this.#lookup("GSI2", phoneGsiPk(phone));
  }

  async #lookup(index: "GSI1" | "GSI2", partition: string): Promise<User[]> {
    const page = await this.#store.query(usersTable, { index, partition, order: "desc", limit: 100 });
    return page.items.map(fromUserItem);
  }
}
