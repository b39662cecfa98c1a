import Stripe from "stripe";
import type { DependencyLogger } from "../../../platform/adapters/http/outbound-http.ts";
import { GatewayRefusedError, GatewayUnavailableError } from "../../domain/gateway.errors.ts";

/** The operation as logs and errors name it, and the rule a `resource_missing` means for it. */
export interface StripeCall {
  readonly operation: string;
  /** What Roster calls the object the call names: "unknown_method", "unknown_charge". */
  readonly missing: string;
  /**
   * The call names a payment method: an invalid request about it (no parameter, or `payment_method`)
   * means it is not attached to the customer (detached, or never attached): `detached_method`.
   */
  readonly namesMethod?: boolean;
}

/**
 * A Stripe SDK error as the port's errors (https://docs.stripe.com/error-handling), logged by type, code
 * and request id only: Stripe's messages can quote parameters, and the raw error holds the request.
 * - connection errors and timeouts, 429, 5xx: unavailable (the SDK has already retried them with the
 *   same idempotency key; the caller repeats with it to learn the outcome);
 * - 401/403: Roster's key is wrong or lacks a permission; no request of the caller's can fix that, so it
 *   is unavailable too, logged for the operator;
 * - `idempotency_error`: the key was first used with other parameters
 *   (https://docs.stripe.com/api/idempotent_requests);
 * - invalid requests: refused, `resource_missing` naming what is missing, a method not attached to the
 *   customer and an over-refund as such.
 */
export function gatewayError(error: unknown, call: StripeCall, logger?: DependencyLogger): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  logger?.warn("the payment gateway failed a call", {
    operation: call.operation,
    stripe_type: error.type,
    stripe_code: error.code,
    status: error.statusCode,
    request_id: error.requestId,
  });
  if (isUnavailable(error)) {
    return new GatewayUnavailableError(
      `Stripe did not complete ${call.operation}; repeat it with the same key`,
    );
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new GatewayRefusedError(
      "idempotency_mismatch",
      `${call.operation}: this idempotency key was first used with other parameters`,
    );
  }
  if (error instanceof Stripe.errors.StripeCardError) {
    return new GatewayRefusedError("method_refused", `${call.operation}: the card was refused`);
  }
  return refused(error, call);
}

function isUnavailable(error: Stripe.errors.StripeError): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError ||
    (error instanceof Stripe.errors.StripeAPIError && (error.statusCode ?? 500) >= 500)
  );
}

/**
 * Over-refunds: `charge_already_refunded` once nothing is left; for an amount over what is left Stripe
 * answers an invalid request on `amount` ("Refund amount ... is greater than unrefunded amount on
 * charge"); `amount_too_large` is accepted too. Assumed from Stripe's documentation, not seen on an account.
 */
function refused(error: Stripe.errors.StripeError, call: StripeCall): GatewayRefusedError {
  if (error.code === "resource_missing") {
    const rule = error.param === "customer" ? "unknown_customer" : call.missing;
    return new GatewayRefusedError(rule, `${call.operation}: Stripe knows no such object`);
  }
  if (call.namesMethod && (error.param === undefined || error.param === "payment_method")) {
    return new GatewayRefusedError(
      "detached_method",
      `${call.operation}: the payment method is not attached to the customer`,
    );
  }
  const overRefund =
    error.code === "charge_already_refunded" ||
    error.code === "amount_too_large" ||
    (call.operation === "refund" && error.param === "amount" && /greater than/i.test(error.message));
  if (overRefund) {
    return new GatewayRefusedError(
      "over_refund",
      "refund: the amount is more than what is left of the charge",
    );
  }
  return new GatewayRefusedError(
    "invalid_request",
    `${call.operation}: Stripe refused the request${error.param ? ` (parameter ${error.param})` : ""}`,
  );
}
