import { describe, expect, it } from "vitest";
import {
  LOCAL_PROCESS,
  type Route,
  RouteConflictError,
  routeOwner,
  routeTable,
  type ServiceRoutes,
  serviceRoutes,
} from "../../../src/runtime/local/route-table.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";

const route = (method: string, path: string): Route => ({ method, path });

/** The documented paths of the services to come (seed 002's FlowMart, seed 001's model), beside the real users. */
const COMING: ServiceRoutes[] = [
  {
    name: "subscriptions",
    routes: [
      route("POST", "/subscriptions"),
      route("POST", "/subscriptions/:subscriptionId/cancel"),
      route("GET", "/subscriptions/:userId/status"),
    ],
  },
  { name: "purchases", routes: [route("POST", "/apple/*"), route("POST", "/google/*")] },
  { name: "payments", routes: [route("POST", "/payments/webhooks/stripe")] },
];

/** A request path the route matches: each parameter filled with `value`. */
const sample = (path: string, value: string) =>
  path
    .split("/")
    .map((segment) => (segment.startsWith(":") || segment === "*" ? value : segment))
    .join("/");

async function usersRoutes(): Promise<ServiceRoutes> {
  const { app } = await buildTestServices();
  return { name: "users", routes: serviceRoutes(app) };
}

describe("which service answers a request", () => {
  it("sends every route of every service to that service alone, whatever its parameters hold", async () => {
    const services = [await usersRoutes(), ...COMING];
    const table = routeTable(services);
    const words = [...table.owners.keys()];

    for (const { name, routes } of services)
      for (const { path } of routes)
        for (const value of ["auth0%7Cada", "x"])
          expect(routeOwner(table, sample(path, value)), path).toBe(name);
    // A parameter in the first place never takes a word another service (or the local process) owns.
    for (const word of words.filter((w) => w !== ""))
      expect(routeOwner(table, `/${word}/membership/cancel`)).toBe(table.owners.get(word));
    expect(routeOwner(table, "/subscriptions/membership/cancel")).toBe("subscriptions");
    expect(routeOwner(table, "/auth0%7Cada/membership/cancel")).toBe("users");
    expect(routeOwner(table, "/openapi/users.json")).toBe(LOCAL_PROCESS);
    expect(routeOwner(table, "/health")).toBe(LOCAL_PROCESS);
    expect(routeOwner(table, "/")).toBe(LOCAL_PROCESS);
  });

  it("refuses two services that claim one first segment, naming both routes", async () => {
    const billing = { name: "billing", routes: [route("GET", "/users/:id/invoices")] };

    const users = await usersRoutes();

    expect(() => routeTable([...COMING, users, billing])).toThrow(RouteConflictError);
    expect(() => routeTable([users, billing])).toThrow(
      /billing GET \/users\/:id\/invoices starts with \/users, which users \(GET \/users\/search\) answers/,
    );
  });

  it("refuses a second service whose routes start with a parameter", async () => {
    const other = { name: "other", routes: [route("GET", "/:account/summary")] };
    const users = await usersRoutes();

    expect(() => routeTable([users, other])).toThrow(
      /users GET \/:user_id\/[\w/-]+ and other GET \/:account\/summary both start with a parameter/,
    );
  });

  it("refuses a service route on a path the local process answers for all", () => {
    const docs = { name: "docs", routes: [route("GET", "/openapi/:name")] };

    expect(() => routeTable([docs])).toThrow(/starts with \/openapi, which the local process answers/);
  });

  it("keeps /local/... for the local process alone (its clock): no service may claim it", () => {
    const clocks = { name: "clocks", routes: [route("POST", "/local/clock")] };

    expect(() => routeTable([clocks])).toThrow(/starts with \/local, which the local process answers/);
    expect(routeOwner(routeTable([]), "/local/clock")).toBe(LOCAL_PROCESS);
  });

  it("lists a service's own routes once each, without middleware or the paths every app shares", async () => {
    const { app } = await buildTestServices();

    const routes = serviceRoutes(app);

    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("POST /users/create");
    expect(keys).toContain("GET /asyncapi.json");
    expect(keys.filter((k) => /\/(health|openapi\.json|docs)$/.test(k))).toEqual([]);
    expect(routes.some((r) => r.method === "ALL")).toBe(false);
  });
});
