import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { PaymentMethod } from "../../domain/payment-method.ts";
import type { MethodDeps } from "./method.deps.ts";

/**
 * POST /payments/users/{user_id}/payment-methods (the user themself, services): attaches the method the
 * app tokenised with the gateway's client library to the user's gateway customer (made on first use and
 * kept, one per user even when two first attaches race), and keeps what a person needs to recognise it.
 */
export async function attachMethod(
  deps: MethodDeps,
  principal: Principal | undefined,
  userId: string,
  input: { readonly token: string; readonly make_default?: boolean | undefined },
): Promise<PaymentMethod> {
  requireSelfOr(principal, userId, ["service"]);
  const customerRef =
    (await deps.customers.customerRef(userId)) ??
    (await deps.customers.keepCustomerRef(userId, (await deps.gateway.customer(userId)).ref));
  const attached = await deps.gateway.attachMethod(customerRef, input.token);
  return deps.methods.addMethod({
    userId,
    gatewayRef: attached.ref,
    brand: attached.brand,
    last4: attached.last4,
    expMonth: attached.expMonth,
    expYear: attached.expYear,
    funding: attached.funding,
    ...(input.make_default !== undefined ? { makeDefault: input.make_default } : {}),
  });
}
