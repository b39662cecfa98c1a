import type { Page, PageRequest } from "../../platform/store/page.ts";
import type { Consent } from "../domain/consent.ts";

/** Consents, append-only: recorded once, never changed or deleted. */
export interface ConsentRepository {
  /** Throws ConsentTakenError when the user already has a consent of this key at this timestamp. */
  record(consent: Consent): Promise<void>;
  /** The user's consents of every key, newest first. */
  listByUser(userId: string, page: PageRequest): Promise<Page<Consent>>;
  /** Consents of this key at this timestamp, of any user (consent-first lookup). */
  findByKeyAndTimestamp(consentKey: string, timestamp: string, page: PageRequest): Promise<Page<Consent>>;
}
