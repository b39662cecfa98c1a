import type { Charge, ChargeRequest, PaymentService } from "../../ports/payment-service.port.ts";

/** A charge whose money was refunded is charged again at most this many times in one call. */
const MAX_FRESH_CHARGES = 3;

/**
 * A charge that holds money: the idempotency key makes a retried request never charge twice, and a
 * key whose charge was refunded since (an earlier attempt was compensated) charges again under a key
 * derived from the refunded one, so a retry after a refund never gets the change for free.
 */
export async function chargeHeld(
  payments: PaymentService,
  userId: string,
  request: ChargeRequest,
): Promise<Charge> {
  let key = request.idempotencyKey;
  for (let attempt = 1; ; attempt++) {
    const charge = await payments.charge(userId, { ...request, idempotencyKey: key });
    if (charge.status !== "REFUNDED" || attempt >= MAX_FRESH_CHARGES) return charge;
    key = `${request.idempotencyKey}/after/${charge.confirmationId}`;
  }
}
