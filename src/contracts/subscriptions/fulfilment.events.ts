import * as z from "zod";
import { UserId } from "./catalog.http.ts";
import { SHIPPING_SERVICES, ShippingDestination } from "./fulfilment.http.ts";

export const SHIPMENT_REQUESTED_EXAMPLE = {
  orderId: "cyc_01JD8X9M2K",
  subscriptionId: "sub_01JD8X4Q7Z",
  userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  destination: {
    name: "Ada Lovelace",
    line1: "12 St James's Square",
    city: "London",
    postalCode: "SW1Y 4JH",
    country: "GB",
  },
  service: "STANDARD",
  parcelCount: 1,
  timestamp: "2027-01-01T09:30:02.000Z",
} as const;

/**
 * ShipmentRequested 1.0.0 on the Subscription Service's bus (source `roster.subscriptions`): a paid
 * period of a SHIPPING subscription, for the carrier's adapter. Shaped like the catalogue's
 * CarrierAdapter CreateShipment (`orderId`, `destination`, `service` STANDARD | EXPRESS | NEXT_DAY,
 * `parcelCount`); `orderId` is the paid billing cycle's id, so a redelivered event names the same
 * order and a carrier dedupes on it. It carries the address (the carrier needs it) and nothing of
 * the payment.
 */
export const ShipmentRequested = z
  .strictObject({
    orderId: z.string().min(1),
    subscriptionId: z.string().min(1),
    userId: UserId,
    destination: ShippingDestination,
    service: z.enum(SHIPPING_SERVICES),
    parcelCount: z.number().int().positive(),
    timestamp: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: "ShipmentRequested",
    title: "ShipmentRequested 1.0.0",
    examples: [SHIPMENT_REQUESTED_EXAMPLE],
  });

/** The bus events of fulfilment, by detail-type (beside the catalogue's SUBSCRIPTION_BUS_EVENTS). */
export const FULFILMENT_BUS_EVENTS = { ShipmentRequested } as const;
