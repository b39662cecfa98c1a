import { ValidationError } from "../../../platform/errors/app.errors.ts";
import { InvalidWebhookSignatureError } from "../../domain/gateway.errors.ts";
import type { ChargeRepository } from "../../ports/charge.repository.ts";
import type { DisputeRepository } from "../../ports/dispute.repository.ts";
import type { PaymentGateway } from "../../ports/payment-gateway.port.ts";
import type { PaymentMethodRepository } from "../../ports/payment-method.repository.ts";
import { paymentProcessed, type RecordDeps } from "../charges/payment-records.ts";
import { disputeRecords } from "./dispute-records.ts";

export interface WebhookDeps extends RecordDeps {
  readonly gateway: PaymentGateway;
  readonly charges: ChargeRepository;
  readonly methods: PaymentMethodRepository;
  readonly disputes: DisputeRepository;
}

/**
 * POST /payments/webhooks/stripe (no IAM: the signature is the authentication). A bad signature is
 * 400 and nothing happens; an event applies at most once (the disputes by the gateway's event id, a
 * charge's settlement by its state), so a redelivery or an out-of-order one leaves one correct state;
 * effects reach the stream through the outbox, in the transaction that makes them.
 */
export async function receiveGatewayEvent(
  deps: WebhookDeps,
  payload: string,
  signature: string,
): Promise<{ readonly received: true; readonly applied: boolean }> {
  const event = await deps.gateway.webhookEvent(payload, signature).catch((error: unknown) => {
    if (error instanceof InvalidWebhookSignatureError)
      throw new ValidationError([{ path: "header.stripe-signature", message: "does not verify" }]);
    throw error;
  });
  switch (event.kind) {
    case "dispute.opened":
    case "dispute.updated":
    case "dispute.closed": {
      const outcome = await deps.disputes.applyDisputeEvent(event, (effect) => disputeRecords(deps, effect));
      return { received: true, applied: outcome.applied };
    }
    case "charge.settled":
    case "charge.failed": {
      const charge = await deps.charges.chargeByGatewayRef(event.chargeRef);
      if (!charge) return { received: true, applied: false };
      const outcome =
        event.kind === "charge.settled"
          ? { status: "CONFIRMED" as const, gatewayRef: event.chargeRef }
          : {
              status: "FAILED" as const,
              reason: event.reason ?? "card_declined",
              gatewayRef: event.chargeRef,
            };
      const method = await deps.methods.getMethod(charge.userId, charge.methodId);
      const settled = await deps.charges.settleCharge(charge.confirmationId, outcome, [
        paymentProcessed(deps, { ...charge, ...outcome }, method?.funding ?? "unknown"),
      ]);
      return { received: true, applied: settled.changed };
    }
    default:
      // A type Roster does not act on (Stripe sends what the endpoint subscribes to): received, no effect.
      return { received: true, applied: false };
  }
}
