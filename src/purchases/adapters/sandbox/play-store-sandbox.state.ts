/**
 * The local Google Play's purchases, shared by the local server (which answers the loopback Play
 * Developer API) and the CLI (which buys, renews, cancels...): both read and write through this port on
 * every call, so neither caches. Every value is a plain JSON record (dates as ISO strings).
 */

/** Google's `subscriptionState` without its `SUBSCRIPTION_STATE_` prefix. */
export type SandboxSubscriptionState =
  | "PENDING"
  | "ACTIVE"
  | "PAUSED"
  | "IN_GRACE_PERIOD"
  | "ON_HOLD"
  | "CANCELED"
  | "EXPIRED";

export interface SandboxPurchase {
  readonly token: string;
  readonly packageName: string;
  readonly productId: string;
  readonly basePlanId: string;
  /** ISO 8601. */
  readonly startTime: string;
  /** ISO 8601: the line item's expiryTime. */
  readonly expiryTime: string;
  readonly periodMs: number;
  readonly state: SandboxSubscriptionState;
  readonly autoRenew: boolean;
  readonly acknowledged: boolean;
  /** ISO 8601: when the member cancelled (Play's userInitiatedCancellation.cancelTime). */
  readonly canceledAt?: string;
  /** ISO 8601: when it was revoked (Play answers EXPIRED; this is the sandbox's own record). */
  readonly revokedAt?: string;
  /** Replaced by an upgrade or downgrade: Play's replacementCancellation. */
  readonly replacedBy?: string;
  readonly linkedPurchaseToken?: string;
  readonly obfuscatedExternalAccountId?: string;
  readonly testPurchase: boolean;
  /** The token is gone: the API answers 410 for it. */
  readonly gone?: boolean;
}

export interface PlayStoreSandboxState<T = SandboxPurchase> {
  get(token: string): Promise<T | undefined>;
  put(token: string, value: T): Promise<void>;
  list(): Promise<T[]>;
}

/** The state in this process's memory; values are copied in and out, as a store would. */
export class MemoryPlayStoreState<T = SandboxPurchase> implements PlayStoreSandboxState<T> {
  readonly #values = new Map<string, string>();

  async get(token: string): Promise<T | undefined> {
    const value = this.#values.get(token);
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  async put(token: string, value: T): Promise<void> {
    this.#values.set(token, JSON.stringify(value));
  }

  async list(): Promise<T[]> {
    return [...this.#values.values()].map((value) => JSON.parse(value) as T);
  }
}
