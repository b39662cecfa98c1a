import type { Page, PageRequest } from "../../platform/store/page.ts";
import { TransactionCanceledError } from "../../platform/store/store.errors.ts";
import type { TableStore, TransactWrite } from "../../platform/store/table-store.port.ts";
import type { Tag, User, UserEventType } from "../domain/user.ts";
import type { UserRepository, UserVersion } from "../ports/user.repository.ts";
import { ConcurrentUpdateError, UserExistsError } from "../use-cases/user.errors.ts";
import {
  emailGsiPk,
  fromTagItem,
  fromUserItem,
  fromUserVersionItem,
  phoneGsiPk,
  TAG_SK_PREFIX,
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
    const notThere = { attributeNotExists: "PK" } as const;
    try {
      await this.#store.transactWrite([
        { put: { table: usersTable, item: toUserItem(user, eventType), condition: notThere } },
        { put: { table: usersTable, item: toTagItem(user.user_id, startTag), condition: notThere } },
      ]);
    } catch (error) {
      if (error instanceof TransactionCanceledError) throw new UserExistsError(user.user_id);
      throw error;
    }
  }

  saveVersion(previous: User, next: User, eventType: UserEventType): Promise<void> {
    return this.#commitVersion(previous, next, eventType, []);
  }

  saveTag(previous: User, next: User, tag: Tag): Promise<void> {
    const tagWrite = { put: { table: usersTable, item: toTagItem(previous.user_id, tag) } };
    return this.#commitVersion(previous, next, "USER_UPDATED", [tagWrite]);
  }

  async current(userId: string): Promise<User | undefined> {
    const [item] = (await this.#versions(userId, { limit: 1 })).items;
    return item && fromUserItem(item);
  }

  async history(userId: string, page: PageRequest): Promise<Page<UserVersion>> {
    const { items, cursor } = await this.#versions(userId, page);
    return { items: items.map(fromUserVersionItem), ...(cursor ? { next_cursor: cursor } : {}) };
  }

  async tags(userId: string, page: PageRequest): Promise<Page<Tag>> {
    const { items, cursor } = await this.#store.query(usersTable, {
      partition: userPk(userId),
      sort: { beginsWith: TAG_SK_PREFIX },
      limit: page.limit,
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
    return { items: items.map(fromTagItem), ...(cursor ? { next_cursor: cursor } : {}) };
  }

  findByEmail(email: string): Promise<User[]> {
    return this.#lookup("GSI1", emailGsiPk(email));
  }

  findByPhone(phone: string): Promise<User[]> {
    return this.#lookup("GSI2", phoneGsiPk(phone));
  }

  /**
   * Only the current version carries GSI1/GSI2 keys, so lookups never answer with an old one. The
   * previous version is marked superseded in the same transaction, on condition that nothing
   * superseded it first: of two writers of one version exactly one wins.
   */
  async #commitVersion(
    previous: User,
    next: User,
    eventType: UserEventType,
    also: TransactWrite[],
  ): Promise<void> {
    const previousKey = { PK: userPk(previous.user_id), SK: userSk(previous.user_date_updated) };
    const nextSk = userSk(next.user_date_updated);
    if (previousKey.SK >= nextSk) throw new ConcurrentUpdateError(previous.user_id);
    try {
      await this.#store.transactWrite([
        {
          update: {
            table: usersTable,
            key: previousKey,
            changes: { remove: ["GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"], set: { superseded_by: nextSk } },
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
        ...also,
      ]);
    } catch (error) {
      if (error instanceof TransactionCanceledError) throw new ConcurrentUpdateError(previous.user_id);
      throw error;
    }
  }

  #versions(userId: string, page: PageRequest) {
    return this.#store.query(usersTable, {
      partition: userPk(userId),
      sort: { beginsWith: USER_SK_PREFIX },
      order: "desc",
      limit: page.limit,
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
  }

  async #lookup(index: "GSI1" | "GSI2", partition: string): Promise<User[]> {
    const page = await this.#store.query(usersTable, { index, partition, order: "desc", limit: 100 });
    return page.items.map(fromUserItem);
  }
}
