import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { PaymentMethod } from "../../domain/payment-method.ts";
import type { MethodDeps } from "./method.deps.ts";

/** GET /payments/users/{user_id}/payment-methods: active ones first (the user themself and staff). */
export async function listMethods(
  deps: Pick<MethodDeps, "methods">,
  principal: Principal | undefined,
  userId: string,
): Promise<PaymentMethod[]> {
  requireSelfOr(principal, userId);
  return deps.methods.listMethods(userId);
}
