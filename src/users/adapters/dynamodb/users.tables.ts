import { idempotencyTable } from "../../../platform/idempotency/idempotency.table.ts";
import type { TableSpec } from "../../../platform/store/table-spec.ts";

/** `{stage}-user-service-users`: the single table of seed 003 (USER, MEMBERSHIP, TAG, MLA_LOOKUP, CONSENT). */
export const usersTable = {
  name: "user-service-users",
  partitionKey: { name: "PK", type: "S" },
  sortKey: { name: "SK", type: "S" },
  indexes: {
    GSI1: { partitionKey: { name: "GSI1PK", type: "S" }, sortKey: { name: "GSI1SK", type: "S" } },
    GSI2: { partitionKey: { name: "GSI2PK", type: "S" }, sortKey: { name: "GSI2SK", type: "S" } },
  },
  ttlAttribute: "expires_at",
  stream: true,
} as const satisfies TableSpec;

/** Legacy `user-phone-numbers` (seed 003; us-east-1 on AWS, so outside the primary table's transactions). */
export const phoneNumbersTable = {
  name: "user-phone-numbers",
  partitionKey: { name: "user_id", type: "S" },
  indexes: { "phone_number-index": { partitionKey: { name: "phone_number", type: "S" } } },
} as const satisfies TableSpec;

/** Legacy `user-balance-settings` (seed 003). */
export const balanceSettingsTable = {
  name: "user-balance-settings",
  partitionKey: { name: "user_id", type: "S" },
} as const satisfies TableSpec;

/** Every table of the User Service; the workers' idempotency records have their own (`idempotencyTable`). */
export const userServiceTables: readonly TableSpec[] = [
  usersTable,
  phoneNumbersTable,
  balanceSettingsTable,
  idempotencyTable,
];
