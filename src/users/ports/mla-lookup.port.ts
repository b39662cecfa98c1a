/**
 * Military Lending Act covered-borrower lookup (Experian, seed 003's MLA Lookup Record).
 *
 * Throws the platform's `DependencyError` (502) when Experian fails or answers outside its contract and
 * `UnavailableError` (503) when it cannot be reached in time; neither carries Experian's words nor the
 * subject's data. Implementations never log or keep the SSN or the date of birth.
 */
export interface MlaLookup {
  lookup(subject: MlaSubject): Promise<MlaLookupResult>;
}

/** Whom to look up: what Experian's MLA service matches on. */
export interface MlaSubject {
  readonly first_name: string;
  readonly middle_name?: string;
  readonly last_name: string;
  /** YYYY-MM-DD. */
  readonly date_of_birth: string;
  /** Nine digits, no dashes. */
  readonly ssn: string;
  readonly address: {
    readonly line1: string;
    readonly city: string;
    /** Two-letter state code. */
    readonly state: string;
    /** ZIP or ZIP+4. */
    readonly zip_code: string;
  };
}

/** Seed 003's MLA_LOOKUP attributes that come from Experian. */
export interface MlaLookupResult {
  /** Experian's response code, e.g. "1203". */
  readonly message_number: string;
  readonly message_text: string;
  readonly experian_transaction_id: string;
  /** True exactly when Experian answered COVERED_BORROWER_MESSAGE. */
  readonly is_military: boolean;
}

/** Experian's message number for a covered borrower (seed 003). */
export const COVERED_BORROWER_MESSAGE = "1203";
/** Experian's message number for a subject who is not a covered borrower. */
export const NOT_COVERED_MESSAGE = "1205";
