import type { Page, PageRequest } from "../../../platform/store/page.ts";
import { TransactionCanceledError } from "../../../platform/store/store.errors.ts";
import type { TableStore, TransactWrite } from "../../../platform/store/table-store.port.ts";
import type { Membership } from "../../domain/membership.ts";
import { ConcurrentUpdateError } from "../../domain/user.errors.ts";
import type { MembershipRepository, UserChange } from "../../ports/membership.repository.ts";
import {
  fromMembershipItem,
  MEMBERSHIP_SK_PREFIX,
  membershipKey,
  toMembershipItem,
} from "./membership.mapper.ts";
import { toTagItem, userPk } from "./user.mapper.ts";
import { versionWrites } from "./user-version.writes.ts";
import { usersTable } from "./users.tables.ts";

/**
 * Membership records on the single table. The previous record is marked `superseded_by` in the same
 * transaction, on condition that nothing superseded it first; the first record is guarded by a
 * `MEMBERSHIP#FIRST` item, so two racing activations cannot both write one.
 */
export class MembershipStoreRepository implements MembershipRepository {
  readonly #store: TableStore;
  constructor(store: TableStore) {
    this.#store = store;
  }

  async current(userId: string): Promise<Membership | undefined> {
    const [first] = (await this.#records(userId, { limit: 1 })).items;
    return first;
  }

  timeline(userId: string, page: PageRequest): Promise<Page<Membership>> {
    return this.#records(userId, page);
  }

  async save(previous: Membership | undefined, next: Membership, user?: UserChange): Promise<void> {
    const nextKey = membershipKey(next);
    if (previous && membershipKey(previous).SK >= nextKey.SK) {
      throw new ConcurrentUpdateError(next.membership_user_id);
    }
    const supersede: TransactWrite = previous
      ? {
          update: {
            table: usersTable,
            key: membershipKey(previous),
            changes: { set: { superseded_by: nextKey.SK } },
            condition: { and: [{ attributeExists: "PK" }, { attributeNotExists: "superseded_by" }] },
          },
        }
      : {
          put: {
            table: usersTable,
            item: {
              PK: userPk(next.membership_user_id),
              SK: "MEMBERSHIP#FIRST",
              db_type: "MEMBERSHIP_GUARD",
            },
            condition: { attributeNotExists: "PK" },
          },
        };
    try {
      await this.#store.transactWrite([
        supersede,
        { put: { table: usersTable, item: toMembershipItem(next), condition: { attributeNotExists: "PK" } } },
        ...(user ? versionWrites(user.previous, user.next, user.eventType) : []),
        ...(user?.tag
          ? [{ put: { table: usersTable, item: toTagItem(user.previous.user_id, user.tag) } }]
          : []),
      ]);
    } catch (error) {
      if (error instanceof TransactionCanceledError) throw new ConcurrentUpdateError(next.membership_user_id);
      throw error;
    }
  }

  async #records(userId: string, page: PageRequest): Promise<Page<Membership>> {
    const { items, cursor } = await this.#store.query(usersTable, {
      partition: userPk(userId),
      sort: { beginsWith: MEMBERSHIP_SK_PREFIX },
      order: "desc",
      limit: page.limit,
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
    return { items: items.map(fromMembershipItem), ...(cursor ? { next_cursor: cursor } : {}) };
  }
}
