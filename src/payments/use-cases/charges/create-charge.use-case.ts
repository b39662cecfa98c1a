import { PaymentRequiredError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import { requestHash } from "../../../platform/idempotency/request-hash.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Charge, ChargeKind, ChargeOutcome } from "../../domain/charge.ts";
import { GatewayUnavailableError } from "../../domain/gateway.errors.ts";
import type { PaymentMethod } from "../../domain/payment-method.ts";
import { UnknownPaymentMethodError } from "../../domain/payment-store.errors.ts";
import type { ChargeDeps } from "./charge.deps.ts";
import { paymentProcessed } from "./payment-records.ts";

export interface ChargeInput {
  readonly amount_cents: number;
  readonly currency: string;
  readonly description: string;
  readonly method_id?: string | undefined;
  readonly kind?: ChargeKind | undefined;
  readonly subscription_id?: string | undefined;
  readonly billing_cycle_id?: string | undefined;
}

/**
 * POST /payments/users/{user_id}/charges (services): one charge per Idempotency-Key. The charge is
 * written INITIATED before the gateway is called (Kill Bill #508), and the gateway gets a key of that
 * row (`charge:<confirmation_id>`), so a retry after a crash or a timeout calls it again with the same
 * key and money moves once. A repeat of a settled key answers its stored outcome; a decline is 402.
 */
export async function createCharge(
  deps: ChargeDeps,
  principal: Principal | undefined,
  userId: string,
  input: ChargeInput,
  idempotencyKey: string,
): Promise<Charge> {
  requireKind(principal, ["service"]);
  // Read beside the method (one round trip instead of two); needed only once the charge is written.
  const customerRef = deps.customers.customerRef(userId);
  customerRef.catch(() => undefined); // awaited below; a failure surfaces there, not as unhandled
  const method = await methodToCharge(deps, userId, input.method_id);
  const { charge } = await deps.charges.beginCharge({
    userId,
    kind: input.kind ?? "ONE_TIME",
    ...(input.subscription_id ? { subscriptionId: input.subscription_id } : {}),
    ...(input.billing_cycle_id ? { billingCycleId: input.billing_cycle_id } : {}),
    amountCents: input.amount_cents,
    currency: input.currency,
    description: input.description,
    methodId: method.methodId,
    idempotencyKey,
    requestHash: requestHash({ userId, ...input }),
  });
  const settled =
    charge.status === "INITIATED" ? await callGateway(deps, charge, method, await customerRef) : charge;
  if (settled.status === "FAILED") throw declined(settled.declineReason ?? "card_declined");
  return settled;
}

async function methodToCharge(deps: ChargeDeps, userId: string, methodId: string | undefined) {
  if (methodId !== undefined) {
    const method = await deps.methods.getMethod(userId, methodId);
    if (!method) throw new UnknownPaymentMethodError();
    return method;
  }
  const methods = await deps.methods.listMethods(userId);
  const chosen = methods.find((m) => m.isDefault && m.status === "active");
  if (!chosen) throw declined("no_active_card");
  return chosen;
}

async function callGateway(
  deps: ChargeDeps,
  charge: Charge,
  method: PaymentMethod,
  customerRef: string | undefined,
): Promise<Charge> {
  if (!customerRef) throw declined("no_active_card");
  let outcome: ChargeOutcome;
  try {
    const answer = await deps.gateway.charge({
      customerRef,
      methodRef: method.gatewayRef,
      amountCents: charge.amountCents,
      currency: charge.currency,
      description: charge.description,
      idempotencyKey: `charge:${charge.confirmationId}`,
      metadata: { confirmation_id: charge.confirmationId, user_id: charge.userId },
    });
    outcome =
      answer.outcome === "declined"
        ? { status: "FAILED", reason: answer.reason, ...(answer.ref ? { gatewayRef: answer.ref } : {}) }
        : { status: answer.outcome === "succeeded" ? "CONFIRMED" : "PENDING", gatewayRef: answer.ref };
  } catch (error) {
    // The charge stays INITIATED: the caller's retry with the same key asks the gateway again.
    if (error instanceof GatewayUnavailableError)
      throw new UnavailableError("the payment gateway did not answer; repeat with the same Idempotency-Key");
    throw error;
  }
  const settledStatus = outcome.status;
  const { charge: settled } = await deps.charges.settleCharge(charge.confirmationId, outcome, [
    paymentProcessed(deps, { ...charge, ...outcome, status: settledStatus }, method.funding),
  ]);
  return settled;
}

function declined(reason: string): PaymentRequiredError {
  const detail =
    reason === "no_active_card"
      ? "the user has no active payment method to charge"
      : `the charge was declined: ${reason}`;
  return new PaymentRequiredError(detail, { code: "PAYMENT_DECLINED", decline_code: reason });
}
