import type { Item, StoredValue } from "../../../platform/store/table-store.port.ts";
import { unixSeconds } from "../../../platform/time/clock.port.ts";
import { type Purchase, retentionEnd } from "../../domain/purchase.ts";
import type { Ownership, Platform, StoreEnvironment, StoreState } from "../../domain/store-subscription.ts";

const iso = (date: Date) => date.toISOString();
const optional = (name: string, value: StoredValue | undefined) =>
  value === undefined ? {} : { [name]: value };

/** A purchase as its `subscriptions` item: dates as ISO strings, the expiry day and the TTL in seconds. */
export function toPurchaseItem(purchase: Purchase): Item {
  return {
    subscriptionId: purchase.subscriptionId,
    platform: purchase.platform,
    storeId: purchase.storeId,
    app: purchase.app,
    environment: purchase.environment,
    productId: purchase.productId,
    state: purchase.state,
    startAt: iso(purchase.startAt),
    expiresAt: iso(purchase.expiresAt),
    expiryDay: iso(purchase.expiresAt).slice(0, 10),
    ...optional("graceExpiresAt", purchase.graceExpiresAt && iso(purchase.graceExpiresAt)),
    autoRenew: purchase.autoRenew,
    ...optional("canceledAt", purchase.canceledAt && iso(purchase.canceledAt)),
    freeTrial: purchase.freeTrial,
    ...optional("billingPeriod", purchase.billingPeriod),
    ownership: purchase.ownership,
    ...optional("linkedPurchaseToken", purchase.linkedPurchaseToken),
    ...optional("accountToken", purchase.accountToken),
    ...optional("needsAcknowledgement", purchase.needsAcknowledgement),
    ...optional("replacedBy", purchase.replacedBy),
    signedAt: iso(purchase.signedAt),
    fetchedAt: iso(purchase.fetchedAt),
    version: purchase.version,
    ttl: unixSeconds(retentionEnd(purchase.expiresAt)),
  };
}

const str = (item: Item, name: string) => item[name] as string;
const date = (item: Item, name: string) => new Date(str(item, name));
const maybe = <T>(item: Item, name: string, as: (value: StoredValue) => T) =>
  item[name] === undefined || item[name] === null ? {} : { [name]: as(item[name]) };

export function fromPurchaseItem(item: Item): Purchase {
  return {
    subscriptionId: str(item, "subscriptionId"),
    platform: str(item, "platform") as Platform,
    storeId: str(item, "storeId"),
    app: str(item, "app"),
    environment: str(item, "environment") as StoreEnvironment,
    productId: str(item, "productId"),
    state: str(item, "state") as StoreState,
    startAt: date(item, "startAt"),
    expiresAt: date(item, "expiresAt"),
    ...maybe(item, "graceExpiresAt", (v) => new Date(v as string)),
    autoRenew: item.autoRenew === true,
    ...maybe(item, "canceledAt", (v) => new Date(v as string)),
    freeTrial: item.freeTrial === true,
    ...maybe(item, "billingPeriod", (v) => v as string),
    ownership: str(item, "ownership") as Ownership,
    ...maybe(item, "linkedPurchaseToken", (v) => v as string),
    ...maybe(item, "accountToken", (v) => v as string),
    ...maybe(item, "needsAcknowledgement", (v) => v === true),
    ...maybe(item, "replacedBy", (v) => v as string),
    signedAt: date(item, "signedAt"),
    fetchedAt: date(item, "fetchedAt"),
    version: item.version as number,
  };
}
