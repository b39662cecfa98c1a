import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { PhoneRecord } from "../../domain/phone.ts";
import { retryOnConflict } from "../profile/retry-on-conflict.policy.ts";
import { userPhoneOptOutChanged } from "../profile/user.events.ts";
import { changePhone, type PhoneDeps } from "./phone-change.steps.ts";

/** SMS opt-out (or back in): the user's own choice, or staff acting for them. */
export async function setPhoneOptOut(
  deps: PhoneDeps,
  principal: Principal | undefined,
  userId: string,
  optedOut: boolean,
): Promise<PhoneRecord> {
  requireSelfOr(principal, userId);
  return changePhone(deps, userId, { is_opted_out: optedOut }, retryOnConflict, ({ previous, next }) =>
    previous.is_opted_out === next.is_opted_out ? undefined : userPhoneOptOutChanged(next, deps.clock.now()),
  );
}
