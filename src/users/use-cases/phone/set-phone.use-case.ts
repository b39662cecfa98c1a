import { ValidationError } from "../../../platform/errors/app.errors.ts";
import { publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { sanitizePhone } from "../../domain/contact.ts";
import { newPhoneRecord, type PhoneRecord } from "../../domain/phone.ts";
import { actorOf, nextVersion } from "../../domain/user-version.ts";
import { loadUser } from "../profile/load-user.query.ts";
import { retryOnConflict } from "../profile/retry-on-conflict.policy.ts";
import { userPhoneChanged } from "../profile/user.events.ts";
import { copyToLegacyTable } from "./legacy-phone-copy.steps.ts";
import type { PhoneDeps } from "./phone-change.steps.ts";

/**
 * PUT /{user_id}/phone: claims the number (409 if another user holds it, without saying who), moves
 * user_phone and the phone lookup in a new version, then copies the record to the legacy table.
 * Setting the number the user already has only repeats the legacy copy.
 */
export async function setPhone(
  deps: PhoneDeps,
  principal: Principal | undefined,
  userId: string,
  raw: string,
): Promise<PhoneRecord> {
  const by = actorOf(requireSelfOr(principal, userId));
  const phone = sanitizePhone(raw);
  if (!phone.ok) throw new ValidationError([{ path: "phone_number", message: phone.reason }]);
  const { record, event } = await retryOnConflict(async () => {
    const previous = await loadUser(deps.users, userId);
    const current = await deps.users.phone(userId);
    if (current && current.phone_number === phone.value && previous.user_phone === phone.value)
      return { record: current, event: undefined };
    const now = deps.clock.now();
    const next = newPhoneRecord(userId, phone.value, now);
    const released = previous.user_phone !== phone.value ? previous.user_phone : undefined;
    await deps.users.savePhone(
      previous,
      nextVersion(previous, { user_phone: phone.value }, now, by),
      next,
      released,
    );
    return { record: next, event: userPhoneChanged(next, released, now) };
  });
  if (event) await publishAfterCommit(deps, [event]);
  await copyToLegacyTable(deps.phoneMirror, record);
  return record;
}
