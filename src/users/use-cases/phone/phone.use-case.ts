import { NotFoundError, ValidationError } from "../../../platform/errors/app.errors.ts";
import type { DomainEvent } from "../../../platform/events/event-publisher.port.ts";
import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireKind, requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { sanitizePhone } from "../../domain/contact.ts";
import { changedPhoneRecord, newPhoneRecord, type PhoneRecord } from "../../domain/phone.ts";
import { nextVersion } from "../../domain/user-version.ts";
import type { PhoneRepository } from "../../ports/phone.repository.ts";
import type { PhoneMirror } from "../../ports/phone-mirror.port.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { loadUser } from "../profile/load-user.ts";
import { retryOnConflict } from "../profile/retry-on-conflict.ts";
import { userPhoneChanged, userPhoneOptOutChanged, userPhoneVerified } from "../profile/user.events.ts";
import { copyToLegacyTable } from "./legacy-phone-copy.ts";

export interface PhoneDeps extends AfterCommitDeps {
  readonly users: UserRepository & PhoneRepository;
  readonly phoneMirror: PhoneMirror;
  readonly clock: Clock;
}

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
  requireSelfOr(principal, userId);
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
      nextVersion(previous, { user_phone: phone.value }, now),
      next,
      released,
    );
    return { record: next, event: userPhoneChanged(next, released, now) };
  });
  if (event) await publishAfterCommit(deps, [event]);
  await copyToLegacyTable(deps.phoneMirror, record);
  return record;
}

export async function getPhone(
  deps: PhoneDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<PhoneRecord> {
  requireSelfOr(principal, userId);
  return loadPhone(deps, userId);
}

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

interface PhoneChange {
  readonly previous: PhoneRecord;
  readonly next: PhoneRecord;
}

/** Writes the change, announces it once committed (before the legacy copy, which may fail on its own). */
async function changePhone(
  deps: PhoneDeps,
  userId: string,
  change: Partial<PhoneRecord>,
  attempts: (attempt: () => Promise<PhoneChange>) => Promise<PhoneChange>,
  announce: (change: PhoneChange) => DomainEvent | undefined,
): Promise<PhoneRecord> {
  const changed = await attempts(async () => {
    const previous = await loadPhone(deps, userId);
    const next = changedPhoneRecord(previous, change, deps.clock.now());
    await deps.users.updatePhone(next);
    return { previous, next };
  });
  const event = announce(changed);
  if (event) await publishAfterCommit(deps, [event]);
  await copyToLegacyTable(deps.phoneMirror, changed.next);
  return changed.next;
}

async function loadPhone(deps: PhoneDeps, userId: string): Promise<PhoneRecord> {
  await loadUser(deps.users, userId);
  const record = await deps.users.phone(userId);
  if (!record) throw new NotFoundError(`user ${userId} has no phone number`);
  return record;
}
