import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { PhoneRecord } from "../../domain/phone.ts";
import { loadPhone, type PhoneDeps } from "./phone-change.steps.ts";

/** GET /{user_id}/phone: the phone record, for the user themself and staff. */
export async function getPhone(
  deps: Pick<PhoneDeps, "users">,
  principal: Principal | undefined,
  userId: string,
): Promise<PhoneRecord> {
  requireSelfOr(principal, userId);
  return loadPhone(deps, userId);
}
