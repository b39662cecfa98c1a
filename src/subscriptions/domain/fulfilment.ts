import type { ShippingService, Subscription } from "./subscription.ts";

/**
 * Seed 002's multi-channel fulfilment (research/billing.md §23): what each paid period delivers, and
 * how. DIGITAL (memberships' default) is delivered when the cycle is paid; SHIPPING asks a carrier for
 * a shipment (a `ShipmentRequested` bus event shaped like the catalogue's CreateShipment: `orderId` =
 * the cycle's id, `destination`, `service`); IN_STORE_PICKUP holds the period's parcel at a store under
 * a pickup code for `PICKUP_HOLD_DAYS`. Roster records and requests; it is not a warehouse.
 */
export const PICKUP_HOLD_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export type FulfilmentStatus = "DELIVERED" | "SHIPMENT_REQUESTED" | "AWAITING_PICKUP";

/**
 * One paid cycle's fulfilment, made in the transaction that records the payment (one per cycle, by the
 * database's UNIQUE). It keeps no address: the shipment request carries the destination to the
 * carrier, and the record keeps only the service and the country.
 */
export interface Fulfilment {
  readonly fulfilmentId: string;
  readonly cycleId: string;
  readonly subscriptionId: string;
  readonly userId: string;
  readonly channel: Subscription["fulfilment"]["channel"];
  readonly status: FulfilmentStatus;
  readonly periodStart: Date;
  readonly service?: ShippingService;
  readonly country?: string;
  readonly storeId?: string;
  readonly pickupCode?: string;
  readonly pickupExpiresAt?: Date;
  readonly createdAt: Date;
}

/** Fresh ids for one fulfilment: its own, and a separate one the pickup code is made from. */
export interface FulfilmentIds {
  readonly fulfilmentId: string;
  readonly codeSeed: string;
}

/** What a paid cycle of `s` delivers, and how. */
export function fulfilCycle(
  s: Subscription,
  receipt: { readonly cycleId: string; readonly periodStart: Date },
  { fulfilmentId, codeSeed }: FulfilmentIds,
  now: Date,
): Fulfilment {
  const base = {
    fulfilmentId,
    cycleId: receipt.cycleId,
    subscriptionId: s.subscriptionId,
    userId: s.userId,
    periodStart: receipt.periodStart,
    createdAt: now,
  };
  const settings = s.fulfilment;
  if (settings.channel === "SHIPPING") {
    return {
      ...base,
      channel: "SHIPPING",
      status: "SHIPMENT_REQUESTED",
      service: settings.service,
      country: settings.destination.country,
    };
  }
  if (settings.channel === "IN_STORE_PICKUP") {
    return {
      ...base,
      channel: "IN_STORE_PICKUP",
      status: "AWAITING_PICKUP",
      storeId: settings.storeId,
      pickupCode: pickupCode(codeSeed),
      pickupExpiresAt: new Date(now.getTime() + PICKUP_HOLD_DAYS * DAY_MS),
    };
  }
  return { ...base, channel: "DIGITAL", status: "DELIVERED" };
}

/** Crockford's base32 without I, L, O and U: nothing a person misreads at a counter. */
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const PICKUP_CODE_LENGTH = 8;

/**
 * An 8-character pickup code made from `seed`, an id used for nothing else (a random UUID in
 * production, so the code is as unguessable as its 40 bits allow; the same seed gives the same code).
 * Two FNV-1a passes spread every character of the seed over the code's bits.
 */
export function pickupCode(seed: string): string {
  const fnv = (offset: number) => {
    let h = offset >>> 0;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
    return h;
  };
  const bits = (BigInt(fnv(2166136261)) << 32n) | BigInt(fnv(0x811c9dc5 ^ 0x5bd1e995));
  let code = "";
  for (let i = 0; i < PICKUP_CODE_LENGTH; i++) code += CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code;
}
