import type { Clock } from "../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../platform/time/id-generator.port.ts";
import type { StoreApp } from "../domain/apps.ts";
import type { StoreNotification } from "../domain/notification.ts";
import type { AccountTokenRepository } from "../ports/account-token.repository.ts";
import type { AppleNotificationVerifier, AppStoreApi } from "../ports/app-store.port.ts";
import type { BrazeApi } from "../ports/braze.port.ts";
import type { FetchQueue } from "../ports/fetch-queue.port.ts";
import type { GooglePushVerifier, PlayDeveloperApi } from "../ports/google-play.port.ts";
import type { NotificationLog } from "../ports/notification-log.port.ts";
import type { PurchaseRepository } from "../ports/purchase.repository.ts";
import type { UserLinkRepository } from "../ports/user-link.repository.ts";

/** What the purchases use cases run on: the tables, the fetch queue, both stores, time and ids. */
export interface PurchasesDeps {
  readonly purchases: PurchaseRepository;
  readonly notifications: NotificationLog;
  readonly links: UserLinkRepository;
  readonly tokens: AccountTokenRepository;
  readonly fetchQueue: FetchQueue;
  readonly apps: readonly StoreApp[];
  readonly apple: { readonly verifier: AppleNotificationVerifier; readonly api: AppStoreApi };
  readonly google: {
    readonly verifier: GooglePushVerifier;
    /** The push body to a notification (the envelope and its base64 DeveloperNotification). */
    decode(body: unknown): StoreNotification;
    readonly api: PlayDeveloperApi;
  };
  /** The identity exchange of apps whose account tokens are Braze external ids (`accountTokens: "braze"`). */
  readonly braze?: BrazeApi;
  readonly clock: Clock;
  /** New ids; in production random UUIDs (account tokens are ids: they must be unguessable). */
  readonly ids: IdGenerator;
}
