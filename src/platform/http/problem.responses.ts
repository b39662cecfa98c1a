import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { AppError, NotFoundError, UnauthorizedError, ValidationError } from "../errors/app.errors.ts";
import { PROBLEM_CONTENT_TYPE, type Problem, toProblem } from "../errors/problem.ts";
import type { Logger } from "../logging/logger.ts";
import { InvalidCursorError } from "../store/store.errors.ts";
import type { AppEnv } from "./app-env.ts";

export function problemResponse(c: Context, problem: Problem): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    "content-type": PROBLEM_CONTENT_TYPE,
  });
}

/** Validation hook for every route: a 400 problem naming each bad field and the rule it broke. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined;
  const where = result.target === "json" ? "" : `${result.target ?? ""}.`;
  const errors = result.error.issues.map((issue) => ({
    path: `${where}${issue.path.join(".")}`.replace(/\.$/, "") || "body",
    message: issue.message,
  }));
  return problemResponse(c, toProblem(new ValidationError(errors), c.req.path));
}

export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (error, c) => {
    const instance = c.req.path;
    if (error instanceof HTTPException) {
      const mapped =
        error.status === 401
          ? new UnauthorizedError(error.message)
          : new ValidationError([{ path: "body", message: error.message || "malformed request" }]);
      return problemResponse(c, { ...toProblem(mapped, instance), status: error.status });
    }
    if (error instanceof InvalidCursorError) {
      return problemResponse(
        c,
        toProblem(new ValidationError([{ path: "query.cursor", message: error.message }]), instance),
      );
    }
    const where = { route: c.req.routePath, requestId: c.get("requestId") };
    if (!(error instanceof AppError)) logger.error("unhandled error", { error, ...where });
    else if (error.status >= 500) {
      // A dependency failed: the answer says so; the log keeps the cause (its name and message only).
      const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : undefined;
      logger.warn("dependency failure", { problem: error.kind, detail: error.message, cause, ...where });
    }
    return problemResponse(c, toProblem(error, instance));
  };
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, toProblem(new NotFoundError(`no route ${c.req.method} ${c.req.path}`), c.req.path));
