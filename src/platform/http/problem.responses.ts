import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import {
  AppError,
  NotFoundError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../errors/app.errors.ts";
import { PROBLEM_CONTENT_TYPE, type Problem, toProblem } from "../errors/problem.ts";
import type { Logger } from "../logging/logger.ts";
import { InvalidCursorError } from "../store/store.errors.ts";
import type { AppEnv } from "./app-env.ts";
import type { DeclaredMediaTypes } from "./request-media-types.ts";

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

/**
 * The problem for every error a route throws: HTTP exceptions of Hono's validators (401, 415, 400), bad
 * cursors, AppErrors, and a 500 that reveals nothing for the rest (logged). `mediaTypes` names what an
 * operation's body may be, for its 415.
 */
export function errorHandler(logger: Logger, mediaTypes?: DeclaredMediaTypes): ErrorHandler<AppEnv> {
  return (error, c) => {
    const instance = c.req.path;
    if (error instanceof HTTPException) {
      const mapped =
        error.status === 401
          ? new UnauthorizedError(error.message)
          : error.status === 415
            ? unsupportedMediaType(c, mediaTypes?.(c.req.method, c.req.routePath))
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

/** Longest sent media type the detail repeats (a header value is up to 16 KiB). */
const MAX_ECHOED_MEDIA_TYPE = 100;

function unsupportedMediaType(
  c: Context,
  declared: readonly string[] | undefined,
): UnsupportedMediaTypeError {
  const sent = c.req.header("content-type")?.split(";")[0]?.trim().slice(0, MAX_ECHOED_MEDIA_TYPE);
  const expected = declared?.length ? declared.join(" or ") : "of a type the operation documents";
  return new UnsupportedMediaTypeError(
    sent
      ? `the request body must be ${expected}; this one is ${sent}`
      : `the request body must be ${expected}; this one has no content-type`,
  );
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, toProblem(new NotFoundError(`no route ${c.req.method} ${c.req.path}`), c.req.path));
