/** One field of a request that broke a rule. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** An error a caller can act on: it knows its HTTP status and says why in words a person understands. */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** Short stable slug for the problem `type` URI. */
  abstract readonly kind: string;
  /** Extension members of the problem (RFC 9457 section 3.2): machine-readable facts beside `detail`. */
  readonly extensions?: Readonly<Record<string, string | number | boolean>>;
}

export class ValidationError extends AppError {
  override readonly name: string = "ValidationError";
  readonly status = 400;
  readonly title = "Bad request";
  readonly kind = "validation";
  readonly errors: readonly FieldIssue[];
  constructor(errors: readonly FieldIssue[], detail = describeIssues(errors)) {
    super(detail);
    this.errors = errors;
  }
}

export class UnauthorizedError extends AppError {
  override readonly name: string = "UnauthorizedError";
  readonly status = 401;
  readonly title = "Unauthorized";
  readonly kind = "unauthorized";
}

export class ForbiddenError extends AppError {
  override readonly name: string = "ForbiddenError";
  readonly status = 403;
  readonly title = "Forbidden";
  readonly kind = "forbidden";
}

export class NotFoundError extends AppError {
  override readonly name: string = "NotFoundError";
  readonly status = 404;
  readonly title = "Not found";
  readonly kind = "not-found";
}

/**
 * 402: the payment was declined, or there is nothing to charge. `extensions` carry the machine-readable
 * reason (the Payment Service's `code` and `decline_code`).
 */
export class PaymentRequiredError extends AppError {
  override readonly name: string = "PaymentRequiredError";
  readonly status = 402;
  readonly title = "Payment declined";
  readonly kind = "payment-declined";
  override readonly extensions: Readonly<Record<string, string | number | boolean>>;
  constructor(detail: string, extensions: Readonly<Record<string, string | number | boolean>> = {}) {
    super(detail);
    this.extensions = extensions;
  }
}

export class ConflictError extends AppError {
  override readonly name: string = "ConflictError";
  readonly status = 409;
  readonly title = "Conflict";
  readonly kind = "conflict";
}

/** The client did not send its whole request in time (answered by the HTTP server, before any app). */
export class RequestTimeoutError extends AppError {
  override readonly name: string = "RequestTimeoutError";
  readonly status = 408;
  readonly title = "Request timeout";
  readonly kind = "request-timeout";
}

/** RFC 9110 names 413 "Content Too Large" (it was "Payload Too Large" before). */
export class ContentTooLargeError extends AppError {
  override readonly name: string = "ContentTooLargeError";
  readonly status = 413;
  readonly title = "Content too large";
  readonly kind = "content-too-large";
}

/** The request's body is of a media type the operation does not take; the detail names the ones it does. */
export class UnsupportedMediaTypeError extends AppError {
  override readonly name: string = "UnsupportedMediaTypeError";
  readonly status = 415;
  readonly title = "Unsupported media type";
  readonly kind = "unsupported-media-type";
}

/** The request's header fields are too large to read (answered by the HTTP server, before any app). */
export class HeaderFieldsTooLargeError extends AppError {
  override readonly name: string = "HeaderFieldsTooLargeError";
  readonly status = 431;
  readonly title = "Request header fields too large";
  readonly kind = "request-header-fields-too-large";
}

export class BusinessRuleError extends AppError {
  override readonly name: string = "BusinessRuleError";
  readonly status = 422;
  readonly title = "Refused by a business rule";
  readonly kind = "business-rule";
}

/** A dependency failed; nothing was half-written. */
export class DependencyError extends AppError {
  override readonly name: string = "DependencyError";
  readonly status = 502;
  readonly title = "A dependency failed";
  readonly kind = "dependency";
}

export class UnavailableError extends AppError {
  override readonly name: string = "UnavailableError";
  readonly status = 503;
  readonly title = "Service unavailable";
  readonly kind = "unavailable";
}

function describeIssues(errors: readonly FieldIssue[]): string {
  return errors.map((e) => `${e.path || "body"}: ${e.message}`).join("; ");
}
