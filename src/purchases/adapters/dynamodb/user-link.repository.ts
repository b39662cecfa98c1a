import { ConditionFailedError } from "../../../platform/store/store.errors.ts";
import type { Item, TableStore } from "../../../platform/store/table-store.port.ts";
import type { LinkSource, UserLink } from "../../domain/user-link.ts";
import type { UserLinkRepository } from "../../ports/user-link.repository.ts";
import { userSubscriptionsTable } from "./purchases.tables.ts";

/** `user-subscriptions`: a link is written once (conditional), so its change feed sees one INSERT. */
export class UserLinkStoreRepository implements UserLinkRepository {
  readonly #store: TableStore;
  constructor(store: TableStore) {
    this.#store = store;
  }

  async link(link: UserLink): Promise<boolean> {
    try {
      await this.#store.put(
        userSubscriptionsTable,
        {
          userId: link.userId,
          subscriptionId: link.subscriptionId,
          source: link.source,
          creationTimestamp: link.createdAt.toISOString(),
        },
        { attributeNotExists: "userId" },
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }

  async unlink(userId: string, subscriptionId: string): Promise<void> {
    await this.#store.delete(userSubscriptionsTable, { userId, subscriptionId });
  }

  linksOfUser(userId: string): Promise<UserLink[]> {
    return this.#all({ partition: userId });
  }

  usersOf(subscriptionId: string): Promise<UserLink[]> {
    return this.#all({ index: "subscriptionId-userId", partition: subscriptionId });
  }

  async #all(query: { index?: string; partition: string }): Promise<UserLink[]> {
    const links: UserLink[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#store.query(userSubscriptionsTable, {
        ...query,
        ...(cursor ? { cursor } : {}),
      });
      links.push(...page.items.map(fromLinkItem));
      cursor = page.cursor;
    } while (cursor);
    return links;
  }
}

export function fromLinkItem(item: Item): UserLink {
  return {
    userId: item.userId as string,
    subscriptionId: item.subscriptionId as string,
    source: (item.source as LinkSource | undefined) ?? "link",
    createdAt: new Date(item.creationTimestamp as string),
  };
}
