import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import type { Item } from "../../../platform/store/table-store.port.ts";
import type { Purchase } from "../../domain/purchase.ts";
import type { UserLink } from "../../domain/user-link.ts";
import { fromPurchaseItem } from "./purchase.mapper.ts";
import { fromLinkItem } from "./user-link.repository.ts";

/** What a change record of the `subscriptions` table means to the Purchases service. */
export type PurchaseChange =
  | { readonly kind: "stored"; readonly purchase: Purchase; readonly first: boolean }
  | { readonly kind: "expired"; readonly purchase: Purchase }
  | { readonly kind: "other" };

const image = (raw: unknown): Item | undefined =>
  raw ? (unmarshall(raw as never, { wrapNumbers: false }) as Item) : undefined;

/**
 * INSERT and MODIFY: the purchase as stored (`first` for an INSERT). REMOVE by the table's TTL (the
 * record's identity is DynamoDB's own service principal, as for TTL deletions on AWS and the embedded
 * store's sweep): the purchase deleted. Any other REMOVE (an operator's) is no expiry.
 */
export function purchaseChangeOf(record: DynamoDBRecord): PurchaseChange {
  const identity = record.userIdentity as { type?: string; principalId?: string } | undefined;
  if (record.eventName === "REMOVE") {
    const old = image(record.dynamodb?.OldImage);
    const byTtl = identity?.type === "Service" && identity.principalId === "dynamodb.amazonaws.com";
    return old && byTtl ? { kind: "expired", purchase: fromPurchaseItem(old) } : { kind: "other" };
  }
  const stored = image(record.dynamodb?.NewImage);
  if (!stored) return { kind: "other" };
  return { kind: "stored", purchase: fromPurchaseItem(stored), first: record.eventName === "INSERT" };
}

/** The link a `user-subscriptions` INSERT made; undefined for every other change. */
export function newLinkOf(record: DynamoDBRecord): UserLink | undefined {
  if (record.eventName !== "INSERT") return undefined;
  const stored = image(record.dynamodb?.NewImage);
  return stored ? fromLinkItem(stored) : undefined;
}
