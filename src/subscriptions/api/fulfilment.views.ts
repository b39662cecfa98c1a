import type {
  FulfilmentRecord,
  FulfilmentSettingsAnswer,
  FulfilmentSettingsBody,
} from "../../contracts/subscriptions/fulfilment.http.ts";
import type { Fulfilment } from "../domain/fulfilment.ts";
import type { FulfilmentSettings, ShippingDestination, Subscription } from "../domain/subscription.ts";

/** The request's settings as the domain names them (absent optional fields left out). */
export function settingsOf(body: FulfilmentSettingsBody): FulfilmentSettings {
  if (body.channel === "SHIPPING") {
    const { line2, region, ...required } = body.destination;
    const destination: ShippingDestination = {
      ...required,
      ...(line2 === undefined ? {} : { line2 }),
      ...(region === undefined ? {} : { region }),
    };
    return { channel: "SHIPPING", destination, service: body.service };
  }
  if (body.channel === "IN_STORE_PICKUP") return { channel: "IN_STORE_PICKUP", storeId: body.storeId };
  return { channel: "DIGITAL" };
}

export function fulfilmentSettingsView(s: Subscription): FulfilmentSettingsAnswer {
  const f = s.fulfilment;
  return {
    subscriptionId: s.subscriptionId,
    channel: f.channel,
    ...(f.channel === "SHIPPING" ? { destination: f.destination, service: f.service } : {}),
    ...(f.channel === "IN_STORE_PICKUP" ? { storeId: f.storeId } : {}),
  };
}

export function fulfilmentView(f: Fulfilment): FulfilmentRecord {
  return {
    fulfilmentId: f.fulfilmentId,
    cycleId: f.cycleId,
    channel: f.channel,
    status: f.status,
    periodStart: f.periodStart.toISOString(),
    ...(f.service ? { service: f.service } : {}),
    ...(f.country ? { country: f.country } : {}),
    ...(f.storeId ? { storeId: f.storeId } : {}),
    ...(f.pickupCode ? { pickupCode: f.pickupCode } : {}),
    ...(f.pickupExpiresAt ? { pickupExpiresAt: f.pickupExpiresAt.toISOString() } : {}),
    createdAt: f.createdAt.toISOString(),
  };
}
