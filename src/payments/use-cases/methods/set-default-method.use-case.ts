import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { PaymentMethod } from "../../domain/payment-method.ts";
import type { MethodDeps } from "./method.deps.ts";

/** POST .../payment-methods/{method_id}/default (the user themself, services): charges go to it. */
export async function setDefaultMethod(
  deps: Pick<MethodDeps, "methods">,
  principal: Principal | undefined,
  userId: string,
  methodId: string,
): Promise<PaymentMethod> {
  requireSelfOr(principal, userId, ["service"]);
  return deps.methods.setDefault(userId, methodId);
}
