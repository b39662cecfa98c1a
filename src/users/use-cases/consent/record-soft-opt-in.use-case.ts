import { publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { ConsentTakenError } from "../../domain/consent.errors.ts";
import type { Consent } from "../../domain/consent.ts";
import { consentRecorded } from "../profile/user.events.ts";
import type { RecordConsentDeps } from "./record-consent.use-case.ts";

/**
 * A store purchase has no source address: a soft opt-in is recorded with the unspecified address
 * (`0.0.0.0`), and the store as its "app version", so people reading consents see where it came from.
 */
export const SOFT_OPT_IN_ADDRESS = "0.0.0.0";

/** A soft opt-in from the Purchases service (its queue's message, as the worker read it). */
export interface SoftOptInStatement {
  readonly eventType: "Acquisition" | "Cancellation";
  readonly userId: string;
  readonly subscriptionId: string;
  readonly platform: string;
  readonly productName: string;
  readonly occurredAt: Date;
}

export type SoftOptInOutcome =
  | { readonly recorded: true; readonly consent_key: string }
  | { readonly recorded: false; readonly reason: "already recorded" | "unknown user" };

/** `InAppPurchase` -> `soft_opt_in_in_app_purchase`; a cancellation's key ends in `_withdrawn`. */
export function softOptInKey(statement: Pick<SoftOptInStatement, "productName" | "eventType">): string {
  const product = statement.productName.replace(/(?<=[a-z0-9])([A-Z])/g, "_$1").toLowerCase();
  return `soft_opt_in_${product}${statement.eventType === "Cancellation" ? "_withdrawn" : ""}`;
}

/**
 * A soft opt-in from the Purchases service's queue, recorded as a consent item (seed 003's consent
 * records are append-only, so a cancellation is a `_withdrawn` record, not a deletion). The consent's
 * time is the message's `occurred_at`, so a redelivered message finds its consent taken and records
 * nothing twice. A user the User Service does not know (deleted since) is skipped, not retried.
 */
export async function recordSoftOptIn(
  deps: RecordConsentDeps,
  statement: SoftOptInStatement,
): Promise<SoftOptInOutcome> {
  if (!(await deps.users.current(statement.userId))) return { recorded: false, reason: "unknown user" };
  const { occurredAt } = statement;
  const consent: Consent = {
    user_id: statement.userId,
    consent_key: softOptInKey(statement),
    item_id: statement.subscriptionId,
    sms_active: false,
    agreement_timestamp: occurredAt.toISOString(),
    agreement_ip_address: SOFT_OPT_IN_ADDRESS,
    agreement_app_version: `${statement.platform}-store`,
    agreement_approval_date: occurredAt.toISOString().slice(0, 10),
  };
  try {
    await deps.consents.record(consent);
  } catch (error) {
    if (error instanceof ConsentTakenError) return { recorded: false, reason: "already recorded" };
    throw error;
  }
  await publishAfterCommit(deps, [consentRecorded(consent, deps.clock.now())]);
  return { recorded: true, consent_key: consent.consent_key };
}
