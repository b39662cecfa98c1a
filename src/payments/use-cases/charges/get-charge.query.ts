import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Charge } from "../../domain/charge.ts";
import { UnknownChargeError } from "../../domain/payment-store.errors.ts";
import type { ChargeRepository } from "../../ports/charge.repository.ts";

/** GET /payments/charges/{confirmation_id}: the charge's user themself and staff; others learn nothing (404). */
export async function getCharge(
  deps: { readonly charges: ChargeRepository },
  principal: Principal | undefined,
  confirmationId: string,
): Promise<Charge> {
  const charge = await deps.charges.getCharge(confirmationId);
  if (!charge || (principal?.kind === "user" && principal.id !== charge.userId))
    throw new UnknownChargeError();
  requireSelfOr(principal, charge.userId);
  return charge;
}
