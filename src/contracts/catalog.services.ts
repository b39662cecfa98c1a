import type { CatalogRequest } from "../platform/events/asyncapi-catalog.ts";
import { SUBSCRIPTION_REQUESTS } from "./subscriptions/catalog.messages.ts";

/**
 * The services of Roster's event catalogue, as the catalogue names them, with where each serves its
 * AsyncAPI document and the commands and queries each receives over HTTP. Seed 002 names the
 * Subscription Service and its version (FlowMart's catalogue page); the others carry their documents'
 * own version. Read by `npm run catalog` (docs/catalog/) and by the console's catalogue section, so
 * both list the same services the same way.
 */
export interface CatalogServiceEntry {
  readonly id: string;
  readonly name: string;
  /** The path its API serves the document at (no token needed), on one port locally as on its own API. */
  readonly documentPath: string;
  readonly version?: string;
  readonly summary?: string;
  /** What it receives over HTTP, from its contract module (its AsyncAPI document has only channels). */
  readonly requests?: readonly CatalogRequest[];
}

export const CATALOG_SERVICES: readonly CatalogServiceEntry[] = [
  { id: "UserService", name: "User Service", documentPath: "/asyncapi.json" },
  { id: "PaymentService", name: "Payment Service", documentPath: "/payments/asyncapi.json" },
  {
    id: "SubscriptionService",
    name: "Subscription Service",
    documentPath: "/subscriptions/asyncapi.json",
    version: "0.0.1",
    summary: "Service that handles subscriptions",
    requests: SUBSCRIPTION_REQUESTS,
  },
  { id: "PurchasesService", name: "Purchases Service", documentPath: "/purchases/asyncapi.json" },
];
