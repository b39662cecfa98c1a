import type { Charge, ChargeRequest, PaymentService } from "../../ports/payment-service.port.ts";

/** Charges made inside an operation's external calls, and their refunds. */

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

/**
 * Runs the call that follows a charge; if it fails, the charge is refunded (`refundKey`) and the error is
 * `failure(refunded)`: whether the refund went through, so the answer can say so. Without a charge the
 * call's own error goes out.
 */
export async function refundIfFails<T>(
  payments: PaymentService,
  paid: { readonly charge: Charge | undefined; readonly refundKey: string },
  call: () => Promise<T>,
  failure: (refunded: boolean) => Error,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!paid.charge) throw error;
    throw failure(await tryRefund(payments, paid.charge, paid.refundKey));
  }
}

/** Refunds the charge; false when the Payment Service could not (the answer then says so). */
export async function tryRefund(payments: PaymentService, charge: Charge, key: string): Promise<boolean> {
  try {
    await payments.refund(charge.confirmationId, { idempotencyKey: key });
    return true;
  } catch {
    return false;
  }
}

export const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
