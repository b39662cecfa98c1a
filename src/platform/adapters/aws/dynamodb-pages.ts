import type { Item, Key, QueryPage } from "../../store/table-store.port.ts";

/** One Query or Scan call: its page size and start key, and what DynamoDB answers of it. */
export type PageRead = (page: { Limit: number; ExclusiveStartKey?: Key }) => Promise<{
  Items?: Record<string, unknown>[];
  LastEvaluatedKey?: Record<string, unknown>;
}>;

/**
 * Reads pages until one live item past `wanted` is seen or the table (or partition) is done, so that
 * the caller's cursor is present exactly when more follow: a DynamoDB page stops at 1 MB, and expired
 * items are dropped after reading
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html).
 */
export async function collectPages(
  read: PageRead,
  wanted: number,
  start: Key | undefined,
  live: (item: Item) => boolean,
): Promise<Item[]> {
  const found: Item[] = [];
  let next = start;
  do {
    const limit = wanted + 1 - found.length;
    const page = await read({ Limit: limit, ...(next ? { ExclusiveStartKey: next } : {}) });
    for (const item of (page.Items ?? []) as Item[]) if (live(item)) found.push(item);
    next = page.LastEvaluatedKey as Key | undefined;
  } while (next && found.length <= wanted);
  return found;
}

/** The first `wanted` items, and a cursor after the last of them when `found` holds one more. */
export function pageOf(found: Item[], wanted: number, seal: (last: Item) => string): QueryPage {
  const items = found.slice(0, wanted);
  const last = items.at(-1);
  return found.length > wanted && last ? { items, cursor: seal(last) } : { items };
}
