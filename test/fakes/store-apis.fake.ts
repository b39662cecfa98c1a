import { UnauthorizedError } from "../../src/platform/errors/app.errors.ts";
import type { FifoBatchQueue, FifoEntry } from "../../src/purchases/adapters/queue/fetch.queue.ts";
import type { StoreNotification } from "../../src/purchases/domain/notification.ts";
import { StoreApiError } from "../../src/purchases/domain/store-api.errors.ts";
import type { StoreSubscription } from "../../src/purchases/domain/store-subscription.ts";
import type { AppleNotificationVerifier, AppStoreApi } from "../../src/purchases/ports/app-store.port.ts";
import type { GooglePushVerifier, PlayDeveloperApi } from "../../src/purchases/ports/google-play.port.ts";

/**
 * The two stores as the purchases core sees them through its ports, for tests of the core alone: the
 * state each store would answer, by store id, and what was acknowledged. The real adapters (Apple's
 * verifier and API client, Google's) have their own suites against the vendors' libraries.
 */
export class FakeStores implements AppStoreApi, PlayDeveloperApi {
  readonly states = new Map<string, StoreSubscription | StoreApiError>();
  readonly acknowledged: string[] = [];
  readonly calls: string[] = [];
  readonly #held = new Map<string, Promise<void>>();

  /** The store answers for `storeId` only once the returned function is called (a slow store call). */
  hold(storeId: string): () => void {
    let release = (): void => {};
    this.#held.set(storeId, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.#held.delete(storeId);
      release();
    };
  }

  set(state: StoreSubscription | StoreApiError, storeId?: string): void {
    this.states.set(storeId ?? (state as StoreSubscription).storeId, state);
  }

  async subscription(ref: {
    originalTransactionId?: string;
    purchaseToken?: string;
  }): Promise<StoreSubscription> {
    const id = (ref.originalTransactionId ?? ref.purchaseToken) as string;
    this.calls.push(id);
    await this.#held.get(id);
    const state = this.states.get(id);
    if (state instanceof StoreApiError) throw state;
    if (!state)
      throw new StoreApiError("the store does not know this subscription", { retryable: false, status: 404 });
    return state;
  }

  async failedNotifications(): Promise<string[]> {
    return [];
  }

  async acknowledge(ref: { purchaseToken: string }): Promise<void> {
    this.acknowledged.push(ref.purchaseToken);
  }
}

/** A verifier that takes a JSON `StoreNotification` as the "signed" payload (the real one is tested apart). */
export const trustingAppleVerifier: AppleNotificationVerifier = {
  async verify(signedPayload) {
    const parsed = JSON.parse(signedPayload) as StoreNotification & { sentAt: string };
    return { ...parsed, sentAt: new Date(parsed.sentAt) };
  },
};

export const bearerGoogleVerifier = (expected: string): GooglePushVerifier => ({
  async verify(authorization) {
    if (authorization !== `Bearer ${expected}`)
      throw new UnauthorizedError("the push has no valid bearer token");
  },
});

/** A FIFO queue in memory: the entries as sent, deduplicated by id as SQS does within its window. */
export class MemoryFifoQueue implements FifoBatchQueue {
  readonly entries: FifoEntry[] = [];
  readonly batches: number[] = [];
  async sendEntries(_queue: string, entries: readonly FifoEntry[]): Promise<void> {
    if (entries.length > 10) throw new Error(`a batch holds 1 to 10 messages, not ${entries.length}`);
    this.batches.push(entries.length);
    for (const entry of entries)
      if (!this.entries.some((e) => e.deduplicationId === entry.deduplicationId)) this.entries.push(entry);
  }
  bodies(): Record<string, unknown>[] {
    return this.entries.map((e) => JSON.parse(e.body) as Record<string, unknown>);
  }
}

/** A standard queue in memory: the bodies as sent, in order, ten at most a batch. */
export class MemoryBatchQueue {
  readonly bodies: string[] = [];
  async sendBatch(_queue: string, bodies: readonly string[]): Promise<void> {
    if (bodies.length === 0 || bodies.length > 10)
      throw new Error(`a batch holds 1 to 10 messages, not ${bodies.length}`);
    this.bodies.push(...bodies);
  }
  messages(): Record<string, unknown>[] {
    return this.bodies.map((body) => JSON.parse(body) as Record<string, unknown>);
  }
}
