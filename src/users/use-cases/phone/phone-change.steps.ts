import { NotFoundError } from "../../../platform/errors/app.errors.ts";
import type { DomainEvent } from "../../../platform/events/event-publisher.port.ts";
import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { changedPhoneRecord, type PhoneRecord } from "../../domain/phone.ts";
import type { PhoneRepository } from "../../ports/phone.repository.ts";
import type { PhoneMirror } from "../../ports/phone-mirror.port.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { loadUser } from "../profile/load-user.query.ts";
import { copyToLegacyTable } from "./legacy-phone-copy.steps.ts";

/** What the phone operations need: the user's phone record, its legacy copy, the clock, the announcer. */
export interface PhoneDeps extends AfterCommitDeps {
  readonly users: UserRepository & PhoneRepository;
  readonly phoneMirror: PhoneMirror;
  readonly clock: Clock;
}

interface PhoneChange {
  readonly previous: PhoneRecord;
  readonly next: PhoneRecord;
}

/**
 * Changes the phone record's flags: writes the change (through `attempts`, which may retry it),
 * announces it once committed, then copies it to the legacy table (which may fail on its own).
 */
export async function changePhone(
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

/** The user's phone record: 404 for an unknown user, and for a user without a number. */
export async function loadPhone(deps: Pick<PhoneDeps, "users">, userId: string): Promise<PhoneRecord> {
  await loadUser(deps.users, userId);
  const record = await deps.users.phone(userId);
  if (!record) throw new NotFoundError(`user ${userId} has no phone number`);
  return record;
}
