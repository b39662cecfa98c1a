import { NotFoundError, ValidationError } from "../../../platform/errors/app.errors.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import { type Consent, checkAgreementTimestamp, checkConsentKey } from "../../domain/consent.ts";
import type { ConsentRepository } from "../../ports/consent.repository.ts";

export interface FindConsentDeps {
  readonly consents: ConsentRepository;
}

/**
 * Consent-first lookup (GSI1): who agreed to `consentKey` at `timestamp`. Several users can agree in one
 * millisecond, so the answer is a page; 404 when nobody did. Services and operators only.
 */
export async function findConsent(
  deps: FindConsentDeps,
  principal: Principal | undefined,
  lookup: { readonly consent_key: string; readonly timestamp: string },
  page: PageRequest,
): Promise<Page<Consent>> {
  requireKind(principal, ["service", "operator"]);
  const key = checkConsentKey(lookup.consent_key);
  const timestamp = checkAgreementTimestamp(lookup.timestamp);
  if (!key.ok || !timestamp.ok) {
    throw new ValidationError([
      ...(key.ok ? [] : [{ path: "consent_key", message: key.reason }]),
      ...(timestamp.ok ? [] : [{ path: "timestamp", message: timestamp.reason }]),
    ]);
  }
  const found = await deps.consents.findByKeyAndTimestamp(key.value, timestamp.value, page);
  if (found.items.length === 0) {
    throw new NotFoundError(`there is no ${key.value} consent at ${timestamp.value}`);
  }
  return found;
}
