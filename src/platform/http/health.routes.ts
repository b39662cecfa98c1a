import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";

/** A store or dependency the process needs; `check` throws when it cannot serve. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<void>;
}

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    stores: z.record(
      z.string(),
      z.object({ status: z.enum(["ok", "error"]), detail: z.string().optional() }),
    ),
  })
  .openapi("Health", {
    example: { status: "ok", stores: { "table-store": { status: "ok" }, postgres: { status: "ok" } } },
  });

/** The tag of the routes every service's base answers alike. */
export const SERVICE_TAG = { name: "Service", description: "Health and the documents of the service" };

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: [SERVICE_TAG.name],
  operationId: "getHealth",
  summary: "Liveness and the state of each store",
  description:
    "Answers 200 when every store the process needs answers, 503 naming the store that does not. No token is needed.",
  responses: {
    200: { description: "Every store answers", content: { "application/json": { schema: HealthSchema } } },
    503: {
      description: "A store does not answer",
      content: { "application/json": { schema: HealthSchema } },
    },
  },
});

export function registerHealthRoute(app: OpenAPIHono<AppEnv>, checks: readonly HealthCheck[]): void {
  app.openapi(healthRoute, async (c) => {
    const results = await Promise.all(
      checks.map(async (check) => {
        try {
          await check.check();
          return [check.name, { status: "ok" as const }] as const;
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          return [check.name, { status: "error" as const, detail }] as const;
        }
      }),
    );
    const healthy = results.every(([, r]) => r.status === "ok");
    const body = {
      status: healthy ? ("ok" as const) : ("degraded" as const),
      stores: Object.fromEntries(results),
    };
    return healthy ? c.json(body, 200) : c.json(body, 503);
  });
}
