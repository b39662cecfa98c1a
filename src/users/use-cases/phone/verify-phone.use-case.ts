import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { PhoneRecord } from "../../domain/phone.ts";
import { userPhoneVerified } from "../profile/user.events.ts";
import { changePhone, type PhoneDeps } from "./phone-change.steps.ts";

/** Marked verified by the service that checked the code (or an operator), never by the user. */
export async function verifyPhone(
  deps: PhoneDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<PhoneRecord> {
  requireKind(principal, ["service", "operator"]);
  // Not retried: had the number changed meanwhile, the new one was not the one verified (409).
  return changePhone(
    deps,
    userId,
    { is_phone_verified: true },
    (attempt) => attempt(),
    ({ next }) => userPhoneVerified(next, deps.clock.now()),
  );
}
