import type { TransactWrite } from "../../../platform/store/table-store.port.ts";
import { emailClaimKey, toEmailClaimItem } from "./user.mapper.ts";
import { usersTable } from "./users.tables.ts";

/**
 * The claim on an address (absent, or already this user's), put in the transaction of the user's
 * version that holds it: of two users racing for one address exactly one commits.
 */
export function claimEmail(email: string, userId: string): TransactWrite {
  const mineOrFree = { or: [{ attributeNotExists: "PK" }, { equals: ["user_id", userId] }] } as const;
  return { put: { table: usersTable, item: toEmailClaimItem(email, userId), condition: mineOrFree } };
}

/** Gives up the claim on an address this user held. */
export function releaseEmail(email: string, userId: string): TransactWrite {
  return {
    delete: { table: usersTable, key: emailClaimKey(email), condition: { equals: ["user_id", userId] } },
  };
}
