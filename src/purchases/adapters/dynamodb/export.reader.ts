import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { Item, QueryPage, TableStore } from "../../../platform/store/table-store.port.ts";
import type { ExportDataset, ExportReader, ExportRecord } from "../../ports/export.port.ts";
import { exportedEvent, exportedLink, exportedPurchase } from "../export/export-record.mapper.ts";
import { fromEventItem } from "./notification-log.repository.ts";
import { fromPurchaseItem } from "./purchase.mapper.ts";
import { subscriptionEventsTable, subscriptionsTable, userSubscriptionsTable } from "./purchases.tables.ts";
import { fromLinkItem } from "./user-link.repository.ts";

/** Records per export document: a page of the scan, gzipped, stays well under a Lambda's memory. */
const PAGE = 5_000;

/**
 * The export's reads: the subscriptions and user-subscriptions tables by a Scan (an export is what a
 * Scan is for; no request path scans), the day's notifications through `date-index`. Every record is
 * stripped as it is read (export-record.mapper.ts); the marker items that deduplicate notifications
 * are not notifications and are left out.
 */
export class StoreExportReader implements ExportReader {
  readonly #store: TableStore;
  constructor(store: TableStore) {
    this.#store = store;
  }

  pages(dataset: ExportDataset, day: string): AsyncIterable<readonly ExportRecord[]> {
    switch (dataset) {
      case "subscriptions":
        return this.#scan(subscriptionsTable, (item) => exportedPurchase(fromPurchaseItem(item)));
      case "user-subscriptions":
        return this.#scan(userSubscriptionsTable, (item) => exportedLink(fromLinkItem(item)));
      case "subscription-events":
        return this.#pages(
          (cursor) =>
            this.#store.query(subscriptionEventsTable, {
              index: "date-index",
              partition: day,
              limit: PAGE,
              ...(cursor ? { cursor } : {}),
            }),
          (item) => exportedEvent(fromEventItem(item)),
        );
    }
  }

  #scan(table: TableSpec, map: (item: Item) => ExportRecord): AsyncIterable<readonly ExportRecord[]> {
    return this.#pages(
      (cursor) => this.#store.scan(table, { limit: PAGE, ...(cursor ? { cursor } : {}) }),
      map,
    );
  }

  async *#pages(
    read: (cursor: string | undefined) => Promise<QueryPage>,
    map: (item: Item) => ExportRecord,
  ): AsyncIterable<readonly ExportRecord[]> {
    let cursor: string | undefined;
    do {
      const page = await read(cursor);
      yield page.items.map(map);
      cursor = page.cursor;
    } while (cursor);
  }
}
