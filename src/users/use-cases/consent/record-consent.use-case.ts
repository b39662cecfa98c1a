import { type FieldIssue, ValidationError } from "../../../platform/errors/app.errors.ts";
import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { ConsentTakenError, SourceAddressUnknownError } from "../../domain/consent.errors.ts";
import {
  type Consent,
  type ConsentStatement,
  checkApprovalDate,
  checkAppVersion,
  checkConsentKey,
  newConsent,
} from "../../domain/consent.ts";
import type { Checked } from "../../domain/contact.ts";
import { UserNotFoundError } from "../../domain/user.errors.ts";
import type { ConsentRepository } from "../../ports/consent.repository.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { consentRecorded } from "../profile/user.events.ts";

export interface RecordConsentDeps extends AfterCommitDeps {
  readonly users: UserRepository;
  readonly consents: ConsentRepository;
  readonly clock: Clock;
}

/**
 * Two consents of one key in one millisecond would share a key: the later one moves to the next free
 * millisecond (still server time, and both are kept), at most this many times before a 409.
 */
const ATTEMPTS = 5;

/**
 * Records a consent given from `ipAddress`, the request's source address. The user themself or a
 * service may record one; an operator may not consent on a user's behalf.
 */
export async function recordConsent(
  deps: RecordConsentDeps,
  principal: Principal | undefined,
  userId: string,
  statement: ConsentStatement,
  ipAddress: string | undefined,
): Promise<Consent> {
  requireSelfOr(principal, userId, ["service"]);
  const now = deps.clock.now();
  checkStatement(statement, now);
  if (!ipAddress) throw new SourceAddressUnknownError();
  if (!(await deps.users.current(userId))) throw new UserNotFoundError(userId);
  for (let attempt = 1; ; attempt++) {
    const consent = newConsent(userId, statement, ipAddress, new Date(now.getTime() + attempt - 1));
    try {
      await deps.consents.record(consent);
      await publishAfterCommit(deps, [consentRecorded(consent, deps.clock.now())]);
      return consent;
    } catch (error) {
      if (!(error instanceof ConsentTakenError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

function checkStatement(statement: ConsentStatement, now: Date): void {
  const checks: [string, Checked<string>][] = [
    ["consent_key", checkConsentKey(statement.consent_key)],
    ["agreement_app_version", checkAppVersion(statement.agreement_app_version)],
    ["agreement_approval_date", checkApprovalDate(statement.agreement_approval_date, now)],
  ];
  const issues: FieldIssue[] = checks.flatMap(([path, checked]) =>
    checked.ok ? [] : [{ path, message: checked.reason }],
  );
  if (issues.length > 0) throw new ValidationError(issues);
}
