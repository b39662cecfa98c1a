import { CATALOG_SERVICES } from "../../src/contracts/catalog.services.ts";
import { paymentsAsyncApiDocument } from "../../src/payments/messages/asyncapi.document.ts";
import {
  type AsyncApiDocument,
  type Catalog,
  type CatalogService,
  catalogOf as catalogOfServices,
  catalogService,
} from "../../src/platform/events/asyncapi-catalog.ts";
import { purchasesAsyncApiDocument } from "../../src/purchases/messages/asyncapi.document.ts";
import { subscriptionsAsyncApiDocument } from "../../src/subscriptions/messages/asyncapi.document.ts";
import { asyncApiDocument } from "../../src/users/messages/asyncapi.document.ts";

export * from "../../src/platform/events/asyncapi-catalog.ts";

/** Each catalogue service's document, built in process (the services serve the same at `documentPath`). */
const DOCUMENTS: Readonly<Record<string, () => unknown>> = {
  UserService: asyncApiDocument,
  PaymentService: paymentsAsyncApiDocument,
  SubscriptionService: subscriptionsAsyncApiDocument,
  PurchasesService: purchasesAsyncApiDocument,
};

export const SERVICES: readonly CatalogService[] = CATALOG_SERVICES.map((entry) =>
  catalogService(entry, (DOCUMENTS[entry.id] as () => unknown)() as AsyncApiDocument),
);

/** The catalogue of `services` (every Roster service by default). */
export function catalogOf(services: readonly CatalogService[] = SERVICES): Catalog {
  return catalogOfServices(services);
}
