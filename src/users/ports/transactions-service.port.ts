/**
 * The Transactions Service (seed 000): it owns the user's Plaid item connections and stores and manages
 * KYC sessions. Roster only asks it; nothing here is kept in Roster's own tables.
 *
 * Every method throws the platform's `UnavailableError` (503) when the service cannot be reached or says
 * it is unavailable, and `DependencyError` (502) when it answers in a way the contract does not allow;
 * neither carries the service's own words. `listKycSessions` throws `InvalidCursorError` for a cursor
 * that it did not issue.
 */
export interface TransactionsService {
  /** The user's Plaid items; empty when the user has linked none (or they were removed). */
  listPlaidItems(userId: string): Promise<PlaidItem[]>;
  /** Unlinks every Plaid item of the user (account clean-up); repeatable, the second call removes 0. */
  removePlaidItems(userId: string): Promise<{ readonly removed: number }>;
  startKycSession(userId: string, input: KycSessionRequest): Promise<KycSession>;
  /** Newest first; `next_cursor` is present exactly when more sessions follow. */
  listKycSessions(userId: string, page: KycSessionPageRequest): Promise<KycSessionPage>;
}

export const PLAID_ITEM_STATUSES = ["ACTIVE", "LOGIN_REQUIRED"] as const;
export type PlaidItemStatus = (typeof PLAID_ITEM_STATUSES)[number];

export interface PlaidItem {
  readonly item_id: string;
  readonly institution_id: string;
  readonly institution_name: string;
  readonly status: PlaidItemStatus;
}

/** Identity verification vendors the Transactions Service can open a session with. */
export const KYC_PROVIDERS = ["plaid_idv", "persona"] as const;
export type KycProvider = (typeof KYC_PROVIDERS)[number];

/**
 * CREATED: the user has not finished the provider's flow yet; PENDING_REVIEW: finished, under manual
 * review; APPROVED / DECLINED: the provider's verdict; EXPIRED: not finished before `expires_at`.
 */
export const KYC_SESSION_STATUSES = ["CREATED", "PENDING_REVIEW", "APPROVED", "DECLINED", "EXPIRED"] as const;
export type KycSessionStatus = (typeof KYC_SESSION_STATUSES)[number];

export interface KycSessionRequest {
  readonly provider: KycProvider;
  /** Where the provider sends the user back when the flow ends (an https URL or the app's deep link). */
  readonly redirect_uri: string;
}

export interface KycSession {
  readonly kyc_session_id: string;
  readonly user_id: string;
  readonly provider: KycProvider;
  readonly status: KycSessionStatus;
  /** The provider's page the app opens for the user. */
  readonly session_url: string;
  readonly redirect_uri: string;
  /** RFC 3339. */
  readonly created_at: string;
  /** RFC 3339: a session not finished by then is EXPIRED. */
  readonly expires_at: string;
}

export interface KycSessionPageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

export interface KycSessionPage {
  readonly items: KycSession[];
  readonly next_cursor?: string;
}
