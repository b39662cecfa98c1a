import type { TableSpec } from "../../../platform/store/table-spec.ts";

/**
 * `{stage}-console`: the console's own state, one table. Sessions (`session#{sha256 of the cookie's
 * id}`) and pending sign-ins (`signin#{state}`) end by TTL; the audit trail (`member#{userId}`, sort
 * key `{at}#{id}`) is kept (no TTL on its items).
 */
export const consoleTable = {
  name: "console",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
  ttlAttribute: "ttl",
} as const satisfies TableSpec;
