import { CATALOG_SERVICES } from "../../../contracts/catalog.services.ts";
import {
  type AsyncApiDocument,
  type CatalogService,
  catalogService,
} from "../../../platform/events/asyncapi-catalog.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { Operator } from "../../domain/operator.ts";
import type { CatalogueSource } from "../../ports/catalogue-source.port.ts";
import type { RosterApi } from "../../ports/roster-api.port.ts";

/** A deployment changes the documents; a few minutes of staleness is nothing to a reader. */
const KEEP_MS = 5 * 60_000;

/**
 * Each catalogue service's AsyncAPI document from its own API (`documentPath`), kept a few minutes:
 * the catalogue section shows what the running services say, the same documents `npm run catalog`
 * writes docs/catalog/ from; each with the commands and queries its contract module lists
 * (`CATALOG_SERVICES`). A service that does not answer is named as missing, not hidden.
 */
export class HttpCatalogueSource implements CatalogueSource {
  readonly #api: RosterApi;
  readonly #clock: Clock;
  #kept: { readonly at: number; readonly services: CatalogService[] } | undefined;

  constructor(api: RosterApi, clock: Clock) {
    this.#api = api;
    this.#clock = clock;
  }

  async services(operator: Operator) {
    const now = this.#clock.now().getTime();
    if (this.#kept && now - this.#kept.at < KEEP_MS) return { services: this.#kept.services, missing: [] };
    const answers = await Promise.all(
      CATALOG_SERVICES.map((entry) => this.#api.call(operator, { method: "GET", path: entry.documentPath })),
    );
    const services: CatalogService[] = [];
    const missing: string[] = [];
    CATALOG_SERVICES.forEach((entry, index) => {
      const answer = answers[index];
      if (answer?.status === 200) services.push(catalogService(entry, answer.body as AsyncApiDocument));
      else missing.push(entry.name);
    });
    if (missing.length === 0) this.#kept = { at: now, services };
    return { services, missing };
  }
}
