import { type Catalog, catalogOf } from "../../../platform/events/asyncapi-catalog.ts";
import type { Operator } from "../../domain/operator.ts";
import type { ConsoleDeps } from "../console.deps.ts";

/**
 * The catalogue of every message, from the services' documents (who produces and who consumes each),
 * and of every command and query they receive over HTTP (who receives each).
 */
export async function readCatalogue(
  deps: Pick<ConsoleDeps, "catalogue">,
  operator: Operator,
): Promise<{ readonly catalog: Catalog; readonly missing: readonly string[] }> {
  const { services, missing } = await deps.catalogue.services(operator);
  return { catalog: catalogOf(services), missing };
}
