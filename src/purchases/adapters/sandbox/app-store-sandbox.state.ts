/**
 * What the local App Store remembers, shared by the local server (its loopback App Store Server API) and
 * the CLI that buys and renews: so an async port, read afresh on every request, of plain JSON records
 * (dates in epoch milliseconds, as Apple's own payloads carry them). This file holds the in-memory
 * adapter; one on the local table store sits beside the other local adapters.
 */

/** Apple's environment names, as in the signed payloads. */
export type SandboxEnvironment = "Production" | "Sandbox";

/** A subscription's status as `getAllSubscriptionStatuses` answers it: 1 active ... 5 revoked. */
export type SandboxStatus = 1 | 2 | 3 | 4 | 5;

export interface SandboxTransaction {
  readonly transactionId: string;
  readonly purchaseDate: number;
  readonly expiresDate: number;
  readonly reason: "PURCHASE" | "RENEWAL";
}

export interface SandboxSubscription {
  readonly originalTransactionId: string;
  readonly bundleId: string;
  readonly appAppleId?: number;
  readonly environment: SandboxEnvironment;
  readonly productId: string;
  readonly subscriptionGroupIdentifier: string;
  readonly appAccountToken?: string;
  readonly ownership: "PURCHASED" | "FAMILY_SHARED";
  /** A family member's entry: the purchaser's originalTransactionId. */
  readonly sharedFrom?: string;
  /** The purchaser's entry: its family members' originalTransactionIds. */
  readonly familyMembers: readonly string[];
  readonly periodMs: number;
  readonly freeTrial: boolean;
  readonly originalPurchaseDate: number;
  readonly purchaseDate: number;
  readonly expiresDate: number;
  readonly autoRenew: boolean;
  readonly status: SandboxStatus;
  readonly gracePeriodExpiresDate?: number;
  readonly revocationDate?: number;
  /** Every transaction, the latest last. */
  readonly transactions: readonly SandboxTransaction[];
}

/** A notification the sandbox made, as the notification history answers it. */
export interface SandboxNotification {
  readonly notificationUUID: string;
  readonly bundleId: string;
  readonly environment: SandboxEnvironment;
  readonly originalTransactionId?: string;
  readonly sentAt: number;
  readonly signedPayload: string;
  /** Apple failed to deliver it (the sandbox was told so): `onlyFailures` history lists it. */
  readonly failed: boolean;
}

export interface AppStoreSandboxState {
  get(originalTransactionId: string): Promise<SandboxSubscription | undefined>;
  put(originalTransactionId: string, value: SandboxSubscription): Promise<void>;
  list(): Promise<SandboxSubscription[]>;
  /** Adds or replaces the notification of this notificationUUID. */
  putNotification(notification: SandboxNotification): Promise<void>;
  /** Every notification, the oldest first. */
  notifications(): Promise<SandboxNotification[]>;
}

/** The state in this process's memory; values are copied in and out, as a store would. */
export class MemoryAppStoreSandboxState implements AppStoreSandboxState {
  readonly #subscriptions = new Map<string, SandboxSubscription>();
  readonly #notifications = new Map<string, SandboxNotification>();

  async get(originalTransactionId: string): Promise<SandboxSubscription | undefined> {
    const value = this.#subscriptions.get(originalTransactionId);
    return value && structuredClone(value);
  }

  async put(originalTransactionId: string, value: SandboxSubscription): Promise<void> {
    this.#subscriptions.set(originalTransactionId, structuredClone(value));
  }

  async list(): Promise<SandboxSubscription[]> {
    return [...this.#subscriptions.values()].map((value) => structuredClone(value));
  }

  async putNotification(notification: SandboxNotification): Promise<void> {
    this.#notifications.set(notification.notificationUUID, structuredClone(notification));
  }

  async notifications(): Promise<SandboxNotification[]> {
    return [...this.#notifications.values()]
      .map((value) => structuredClone(value))
      .sort((a, b) => a.sentAt - b.sentAt);
  }
}
