import { AppError, type FieldIssue, ValidationError } from "./app.errors.ts";

/** RFC 9457 problem details, as every error response carries them. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly errors?: readonly FieldIssue[];
  /** Extension members (RFC 9457 section 3.2), e.g. a decline's `decline_code`. */
  readonly [member: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
const TYPE_BASE = "https://roster.dev/problems/";

/** The problem for an error; an unexpected error becomes a 500 that reveals nothing of its internals. */
export function toProblem(error: unknown, instance?: string): Problem {
  const where = instance ? { instance } : {};
  if (error instanceof AppError) {
    return {
      ...error.extensions,
      type: `${TYPE_BASE}${error.kind}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      ...where,
      ...(error instanceof ValidationError ? { errors: error.errors } : {}),
    };
  }
  return {
    type: `${TYPE_BASE}internal`,
    title: "Internal error",
    status: 500,
    detail: "an unexpected error occurred; it has been logged",
    ...where,
  };
}
