import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import type { Charge } from "../../domain/charge.ts";
import type { ChargeRepository } from "../../ports/charge.repository.ts";

/** GET /payments/users/{user_id}/charges: newest first (the user themself and staff). */
export async function listCharges(
  deps: { readonly charges: ChargeRepository },
  principal: Principal | undefined,
  userId: string,
  page: PageRequest,
): Promise<Page<Charge>> {
  requireSelfOr(principal, userId);
  return deps.charges.listCharges(userId, page);
}
