import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { UnavailableError } from "../errors/app.errors.ts";
import { PROBLEM_CONTENT_TYPE, toProblem } from "../errors/problem.ts";
import type { Logger } from "../logging/logger.ts";
import type { AppEnv } from "./app-env.ts";
import { ProblemSchema } from "./common.schemas.ts";

/** A store or dependency the process needs; `check` throws when it cannot serve. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<void>;
}

const StoreStateSchema = z.object({
  status: z.enum(["ok", "error"]),
  detail: z
    .string()
    .optional()
    .openapi({ description: "The failure's kind (its name and code), never its message" }),
});
const StoresSchema = z.record(z.string(), StoreStateSchema);

const HealthSchema = z.object({ status: z.enum(["ok"]), stores: StoresSchema }).openapi("Health", {
  example: { status: "ok", stores: { "table-store": { status: "ok" }, postgres: { status: "ok" } } },
});

const HealthProblemSchema = ProblemSchema.extend({ stores: StoresSchema }).openapi("HealthProblem", {
  description: "RFC 9457 problem details with the state of each store (`stores`, as in the 200 answer)",
  example: {
    type: "https://roster.dev/problems/unavailable",
    title: "Service unavailable",
    status: 503,
    detail: "a store does not answer: postgres",
    instance: "/health",
    stores: {
      "table-store": { status: "ok" },
      postgres: { status: "error", detail: "Error (ECONNREFUSED)" },
    },
  },
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
      content: { [PROBLEM_CONTENT_TYPE]: { schema: HealthProblemSchema } },
    },
  },
});

/**
 * `GET /health`, without a token: 200 when every check passes, else a 503 problem naming the stores that
 * failed. The answer says only what kind of failure each was: a dependency's message can name hosts,
 * users or account ids, so it goes to the log.
 */
export function registerHealthRoute(
  app: OpenAPIHono<AppEnv>,
  checks: readonly HealthCheck[],
  logger: Logger,
): void {
  app.openapi(healthRoute, async (c) => {
    const results = await Promise.all(
      checks.map(async (check) => {
        try {
          await check.check();
          return [check.name, { status: "ok" as const }] as const;
        } catch (error) {
          logger.warn("health check failed", { check: check.name, error });
          return [check.name, { status: "error" as const, detail: failureKind(error) }] as const;
        }
      }),
    );
    const stores = Object.fromEntries(results);
    const failed = results.filter(([, r]) => r.status === "error").map(([name]) => name);
    if (failed.length === 0) return c.json({ status: "ok" as const, stores }, 200);
    const { type, title, status, detail, instance } = toProblem(
      new UnavailableError(`a store does not answer: ${failed.join(", ")}`),
      c.req.path,
    );
    // RFC 9457 allows extension members: `stores` as in the 200 answer.
    const answer = { type, title, status, detail, instance, stores };
    return c.json(answer, 503, { "content-type": PROBLEM_CONTENT_TYPE });
  });
}

function failureKind(error: unknown): string {
  if (!(error instanceof Error)) return "Error";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[\w.-]{1,40}$/.test(code) ? `${error.name} (${code})` : error.name;
}
