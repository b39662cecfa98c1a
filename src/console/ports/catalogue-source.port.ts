import type { CatalogService } from "../../platform/events/asyncapi-catalog.ts";
import type { Operator } from "../domain/operator.ts";

/** The services' own AsyncAPI documents, as each serves them now, with the HTTP requests each receives. */
export interface CatalogueSource {
  services(operator: Operator): Promise<{ readonly services: CatalogService[]; readonly missing: string[] }>;
}
