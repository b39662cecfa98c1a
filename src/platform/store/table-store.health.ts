import type { TableSpec } from "./table-spec.ts";
import type { TableStore } from "./table-store.port.ts";

/** A health check that reads one (absent) item: proves the store answers and the table exists. */
export function tableStoreHealth(store: TableStore, table: TableSpec) {
  const key: Record<string, string | number> = { [table.partitionKey.name]: "HEALTH#probe" };
  if (table.sortKey) key[table.sortKey.name] = table.sortKey.type === "S" ? "HEALTH#probe" : 0;
  if (table.partitionKey.type === "N") key[table.partitionKey.name] = 0;
  return {
    name: `table-store:${table.name}`,
    check: async () => {
      await store.get(table, key);
    },
  };
}
