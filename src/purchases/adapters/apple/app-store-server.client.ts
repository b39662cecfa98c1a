import {
  AppStoreServerAPIClient,
  type LastTransactionsItem,
  type NotificationHistoryResponse,
  type SignedDataVerifier,
  type StatusResponse,
} from "@apple/app-store-server-library";
import { StoreApiError } from "../../domain/store-api.errors.ts";
import type { StoreEnvironment, StoreSubscription } from "../../domain/store-subscription.ts";
import type { AppleSubscriptionRef, AppStoreApi } from "../../ports/app-store.port.ts";
import { appStoreApiError, signedItemError } from "./app-store-api.errors.ts";
import { LoopbackAppStoreServerAPIClient } from "./app-store-server.loopback-client.ts";
import { appStoreSubscriptionOf } from "./app-store-subscription.mapper.ts";
import {
  AppleSignedDataVerifiers,
  type AppleVerifiersOptions,
  libraryEnvironment,
} from "./apple-signed-data.verifiers.ts";

export interface AppStoreServerClientOptions extends AppleVerifiersOptions {
  /** The In-App Purchase key's id, its issuer id and the key itself (the ES256 `.p8` PEM). */
  readonly keyId: string;
  readonly issuerId: string;
  readonly signingKey: string;
  /** The loopback App Store Server API (tests, the local process); Apple's hosts when absent. */
  readonly baseUrl?: string;
}

/**
 * The App Store Server API through Apple's own client, one per (bundle id, environment) because the
 * library binds both at construction (the bearer token's `bid`, the host). Every signed item of an answer
 * is verified with the matching `SignedDataVerifier` before it is read.
 */
export class AppStoreServerClient implements AppStoreApi {
  readonly #options: AppStoreServerClientOptions;
  readonly #verifiers: AppleSignedDataVerifiers;
  readonly #clients = new Map<string, AppStoreServerAPIClient>();

  constructor(options: AppStoreServerClientOptions) {
    this.#options = options;
    this.#verifiers = new AppleSignedDataVerifiers(options);
  }

  async subscription(ref: AppleSubscriptionRef): Promise<StoreSubscription> {
    const verifier = this.#verifier(ref.bundleId, ref.environment);
    const answer = await call(() =>
      this.#client(ref.bundleId, ref.environment).getAllSubscriptionStatuses(ref.originalTransactionId),
    );
    const item = lastTransactionOf(answer, ref.originalTransactionId);
    const [transaction, renewal] = await Promise.all([
      verifiedItem("signedTransactionInfo", () =>
        verifier.verifyAndDecodeTransaction(signed(item.signedTransactionInfo, "signedTransactionInfo")),
      ),
      verifiedItem("signedRenewalInfo", () =>
        verifier.verifyAndDecodeRenewalInfo(signed(item.signedRenewalInfo, "signedRenewalInfo")),
      ),
    ]);
    if (transaction.originalTransactionId !== ref.originalTransactionId)
      throw new StoreApiError("the signed transaction is of another originalTransactionId than asked for", {
        retryable: false,
      });
    return appStoreSubscriptionOf({ transaction, renewal, status: item.status ?? 0 });
  }

  async failedNotifications(
    app: { readonly bundleId: string; readonly environment: StoreEnvironment },
    from: Date,
    to: Date,
  ): Promise<string[]> {
    const client = this.#client(app.bundleId, app.environment);
    const request = { startDate: from.getTime(), endDate: to.getTime(), onlyFailures: true };
    const payloads: string[] = [];
    let paginationToken: string | null = null;
    do {
      const token: string | null = paginationToken;
      const page: NotificationHistoryResponse = await call(() =>
        client.getNotificationHistory(token, request),
      );
      for (const entry of page.notificationHistory ?? [])
        if (entry.signedPayload) payloads.push(entry.signedPayload);
      paginationToken = page.hasMore && page.paginationToken ? page.paginationToken : null;
    } while (paginationToken !== null);
    return payloads;
  }

  #verifier(bundleId: string, environment: StoreEnvironment): SignedDataVerifier {
    const verifier = this.#verifiers.get(bundleId, environment);
    if (!verifier)
      throw new StoreApiError(`the app ${bundleId} is not configured for the App Store's ${environment}`, {
        retryable: false,
      });
    return verifier;
  }

  #client(bundleId: string, environment: StoreEnvironment): AppStoreServerAPIClient {
    const key = `${bundleId}\u0000${environment}`;
    let client = this.#clients.get(key);
    if (!client) {
      const { signingKey, keyId, issuerId, baseUrl } = this.#options;
      const env = libraryEnvironment(environment);
      client = baseUrl
        ? new LoopbackAppStoreServerAPIClient(baseUrl, signingKey, keyId, issuerId, bundleId, env)
        : new AppStoreServerAPIClient(signingKey, keyId, issuerId, bundleId, env);
      this.#clients.set(key, client);
    }
    return client;
  }
}

/** Family Sharing puts the purchaser's and each family member's subscription side by side. */
function lastTransactionOf(answer: StatusResponse, originalTransactionId: string): LastTransactionsItem {
  const item = (answer.data ?? [])
    .flatMap((group) => group.lastTransactions ?? [])
    .find((candidate) => candidate.originalTransactionId === originalTransactionId);
  if (!item)
    throw new StoreApiError("the App Store's statuses hold no subscription of this originalTransactionId", {
      retryable: false,
      status: 404,
    });
  return item;
}

function signed(value: string | undefined, field: string): string {
  if (!value) throw new StoreApiError(`the App Store's status has no ${field}`, { retryable: false });
  return value;
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw appStoreApiError(error);
  }
}

async function verifiedItem<T>(field: string, verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    throw signedItemError(field, error);
  }
}
