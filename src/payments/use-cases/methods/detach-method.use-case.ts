import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { PaymentMethod } from "../../domain/payment-method.ts";
import { UnknownPaymentMethodError } from "../../domain/payment-store.errors.ts";
import type { MethodDeps } from "./method.deps.ts";

/**
 * DELETE .../payment-methods/{method_id} (the user themself, services): detached at the gateway first,
 * then marked detached here (never charged again); detaching twice answers the detached method.
 */
export async function detachMethod(
  deps: MethodDeps,
  principal: Principal | undefined,
  userId: string,
  methodId: string,
): Promise<PaymentMethod> {
  requireSelfOr(principal, userId, ["service"]);
  const method = await deps.methods.getMethod(userId, methodId);
  if (!method) throw new UnknownPaymentMethodError();
  if (method.status === "active") await deps.gateway.detachMethod(method.gatewayRef);
  return deps.methods.detachMethod(userId, methodId);
}
