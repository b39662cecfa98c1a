import * as z from "zod";
import { text } from "../../platform/http/text.schemas.ts";

/**
 * How a subscription's paid periods are delivered (seed 002's multi-channel fulfilment), Roster's own
 * routes beside the catalogue's (the catalogue's SubscribeUser 0.0.1 has no field for it, and stays
 * exact): `PUT /subscriptions/{subscriptionId}/fulfilment` names the channel for the periods paid from
 * then on, `GET /subscriptions/{subscriptionId}/fulfilments` lists what each paid period delivered.
 * A subscription starts DIGITAL (memberships stay so).
 */
export const FULFILMENT_CHANNELS = ["DIGITAL", "SHIPPING", "IN_STORE_PICKUP"] as const;
export const SHIPPING_SERVICES = ["STANDARD", "EXPRESS", "NEXT_DAY"] as const;

/** Where a SHIPPING subscription's parcels go: personal data, kept on the subscription and sent to the carrier only. */
export const ShippingDestination = z
  .strictObject({
    name: text({ max: 200, description: "Who receives the parcel." }),
    line1: text({ max: 200 }),
    line2: text({ max: 200 }).optional(),
    city: text({ max: 100 }),
    region: text({
      max: 100,
      description: "State, province or county, where the country has them.",
    }).optional(),
    postalCode: text({
      max: 20,
      pattern: { regex: /^[A-Za-z0-9][A-Za-z0-9 -]*[A-Za-z0-9]$/, message: "must be a postal code" },
    }),
    country: text({
      max: 2,
      pattern: { regex: /^[A-Z]{2}$/, message: "must be an ISO 3166-1 alpha-2 country code, e.g. GB" },
    }),
  })
  .meta({ id: "ShippingDestination" });

export const FULFILMENT_EXAMPLE = {
  channel: "SHIPPING",
  destination: {
    name: "Ada Lovelace",
    line1: "12 St James's Square",
    city: "London",
    postalCode: "SW1Y 4JH",
    country: "GB",
  },
  service: "STANDARD",
} as const;

const StoreId = text({
  max: 64,
  pattern: { regex: /^[A-Za-z0-9_-]+$/, message: "must be a store id" },
  description: "The store that holds each period's parcel.",
});

/** The body of `PUT .../fulfilment`: one of three channels, each with exactly its own fields. */
export const FulfilmentSettingsBody = z
  .discriminatedUnion("channel", [
    z.strictObject({ channel: z.literal("DIGITAL") }),
    z.strictObject({
      channel: z.literal("SHIPPING"),
      destination: ShippingDestination,
      service: z
        .enum(SHIPPING_SERVICES)
        .default("STANDARD")
        .meta({ description: "The carrier's service level." }),
    }),
    z.strictObject({ channel: z.literal("IN_STORE_PICKUP"), storeId: StoreId }),
  ])
  .meta({ id: "FulfilmentSettings", examples: [FULFILMENT_EXAMPLE] });

/** The subscription's fulfilment as it now stands (what `PUT` answers). */
export const FulfilmentSettingsAnswer = z
  .strictObject({
    subscriptionId: z.string().min(1),
    channel: z.enum(FULFILMENT_CHANNELS),
    destination: ShippingDestination.optional(),
    service: z.enum(SHIPPING_SERVICES).optional(),
    storeId: z.string().optional(),
  })
  .meta({ id: "FulfilmentSettingsAnswer" });

/** One paid period's fulfilment. It keeps the service and the country, not the address. */
export const FulfilmentRecord = z
  .strictObject({
    fulfilmentId: z.string().min(1),
    cycleId: z
      .string()
      .min(1)
      .meta({ description: "The paid billing cycle: the shipment request's `orderId`." }),
    channel: z.enum(FULFILMENT_CHANNELS),
    status: z.enum(["DELIVERED", "SHIPMENT_REQUESTED", "AWAITING_PICKUP"]),
    periodStart: z.iso.datetime({ offset: true }),
    service: z.enum(SHIPPING_SERVICES).optional(),
    country: z.string().optional(),
    storeId: z.string().optional(),
    pickupCode: z.string().optional().meta({ description: "What the user shows at the store." }),
    pickupExpiresAt: z.iso.datetime({ offset: true }).optional(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: "FulfilmentRecord" });

export const FulfilmentList = z
  .strictObject({ items: z.array(FulfilmentRecord).meta({ description: "Newest first, at most 100." }) })
  .meta({ id: "FulfilmentList" });

export type FulfilmentSettingsBody = z.output<typeof FulfilmentSettingsBody>;
export type FulfilmentSettingsAnswer = z.infer<typeof FulfilmentSettingsAnswer>;
export type FulfilmentRecord = z.infer<typeof FulfilmentRecord>;
