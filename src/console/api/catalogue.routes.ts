import type { Hono } from "hono";
import { NotFoundError } from "../../platform/errors/app.errors.ts";
import type { ConsoleSession } from "../ports/console-session.repository.ts";
import { catalogueEventPage, cataloguePage } from "../ui/catalogue.view.ts";
import { catalogueRequestPage } from "../ui/catalogue-request.view.ts";
import { readCatalogue } from "../use-cases/catalogue/read-catalogue.query.ts";
import type { ConsoleDeps } from "../use-cases/console.deps.ts";
import type { ConsoleEnv } from "./console-env.ts";

/**
 * The catalogue section: every service, message and HTTP command or query, and one message's or
 * request's schemas and examples.
 */
export function registerCatalogueRoutes(app: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  app.get("/console/catalogue", async (c) => {
    const session = c.get("session") as ConsoleSession;
    const { catalog, missing } = await readCatalogue(deps, session.operator);
    return c.html(
      cataloguePage({ operator: session.operator, csrfToken: session.csrfToken, catalog, missing }),
    );
  });
  app.get("/console/catalogue/events/:id/:version", async (c) => {
    const session = c.get("session") as ConsoleSession;
    const { catalog, missing } = await readCatalogue(deps, session.operator);
    const event = catalog.events.find(
      (candidate) => candidate.id === c.req.param("id") && candidate.version === c.req.param("version"),
    );
    if (!event) throw new NotFoundError("the catalogue has no such message or version");
    return c.html(
      catalogueEventPage({
        operator: session.operator,
        csrfToken: session.csrfToken,
        catalog,
        missing,
        event,
      }),
    );
  });
  app.get("/console/catalogue/requests/:id/:version", async (c) => {
    const session = c.get("session") as ConsoleSession;
    const { catalog, missing } = await readCatalogue(deps, session.operator);
    const request = catalog.requests.find(
      (candidate) => candidate.id === c.req.param("id") && candidate.version === c.req.param("version"),
    );
    if (!request) throw new NotFoundError("the catalogue has no such command, query or version");
    return c.html(
      catalogueRequestPage({
        operator: session.operator,
        csrfToken: session.csrfToken,
        catalog,
        missing,
        request,
      }),
    );
  });
}
