import { randomInt, randomUUID } from "node:crypto";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import type { StoreEnvironment } from "../../domain/store-subscription.ts";
import { notificationPayload } from "./app-store-sandbox.payloads.ts";
import { type SandboxPurchase, subscriptionOf } from "./app-store-sandbox.purchase.ts";
import type { AppStoreSandboxState, SandboxSubscription } from "./app-store-sandbox.state.ts";
import type { AppleJwsSigner } from "./apple-jws.signer.ts";

export interface AppStoreSandboxOptions {
  readonly state: AppStoreSandboxState;
  readonly signer: AppleJwsSigner;
  /** Transaction ids; by default Apple-like random digits (the CLI and the server share the state). */
  readonly transactionIds?: IdGenerator;
  /** notificationUUIDs; random UUIDs by default. */
  readonly notificationIds?: IdGenerator;
}

/** What an operation makes: the body Apple would POST to `/apple/pubsub`, and its ids. */
export interface SandboxNotice {
  readonly body: { readonly signedPayload: string };
  readonly notificationUUID: string;
  readonly originalTransactionId?: string;
}

/** Apple's billing grace period for monthly and longer subscriptions. */
const GRACE_MS = 16 * 86_400_000;

const appleDigits: IdGenerator = { next: () => `2000000${randomInt(100_000_000, 999_999_999)}` };
const uuids: IdGenerator = { next: () => randomUUID() };

/**
 * The local App Store a person (through the CLI) or a test drives: each operation changes a subscription
 * as the App Store would and returns the V2 notification Apple would send about it, also kept in the
 * notification history. Family members' entries move only when operated on themselves.
 */
export class AppStoreSandbox {
  readonly #state: AppStoreSandboxState;
  readonly #signer: AppleJwsSigner;
  readonly #transactionIds: IdGenerator;
  readonly #notificationIds: IdGenerator;

  constructor(options: AppStoreSandboxOptions) {
    this.#state = options.state;
    this.#signer = options.signer;
    this.#transactionIds = options.transactionIds ?? appleDigits;
    this.#notificationIds = options.notificationIds ?? uuids;
  }

  async buy(purchase: SandboxPurchase): Promise<SandboxNotice> {
    const sub = subscriptionOf(purchase, this.#transactionIds.next());
    return this.#save(sub, "SUBSCRIBED", "INITIAL_BUY", purchase.now);
  }

  async renew(id: string, now: Date): Promise<SandboxNotice> {
    const sub = await this.#live(id, "renew");
    const start = Math.max(sub.expiresDate, now.getTime());
    const recovered = sub.status === 3 || sub.status === 4;
    const transaction = {
      transactionId: this.#transactionIds.next(),
      purchaseDate: start,
      expiresDate: start + sub.periodMs,
      reason: "RENEWAL" as const,
    };
    const { gracePeriodExpiresDate: _, ...rest } = sub;
    return this.#save(
      {
        ...rest,
        purchaseDate: transaction.purchaseDate,
        expiresDate: transaction.expiresDate,
        status: 1,
        autoRenew: true,
        transactions: [...sub.transactions, transaction],
      },
      "DID_RENEW",
      recovered ? "BILLING_RECOVERY" : undefined,
      now,
    );
  }

  async failRenewal(id: string, now: Date, options: { readonly grace: boolean }): Promise<SandboxNotice> {
    const sub = await this.#live(id, "fail to renew");
    const next: SandboxSubscription = options.grace
      ? { ...sub, status: 4, gracePeriodExpiresDate: sub.expiresDate + GRACE_MS }
      : { ...sub, status: 3 };
    return this.#save(next, "DID_FAIL_TO_RENEW", options.grace ? "GRACE_PERIOD" : undefined, now);
  }

  async refund(id: string, now: Date): Promise<SandboxNotice> {
    const sub = await this.#live(id, "be refunded");
    return this.#save(
      { ...sub, status: 5, autoRenew: false, revocationDate: now.getTime() },
      "REFUND",
      undefined,
      now,
    );
  }

  async expire(id: string, now: Date): Promise<SandboxNotice> {
    const sub = await this.#live(id, "expire");
    const billing = sub.status === 3 || sub.status === 4;
    const { gracePeriodExpiresDate: _, ...rest } = sub;
    const next: SandboxSubscription = {
      ...rest,
      status: 2,
      autoRenew: billing && sub.autoRenew,
      expiresDate: Math.min(sub.expiresDate, now.getTime()),
    };
    return this.#save(next, "EXPIRED", billing ? "BILLING_RETRY" : "VOLUNTARY", now);
  }

  async setAutoRenew(id: string, on: boolean, now: Date): Promise<SandboxNotice> {
    const sub = await this.#live(id, "change its renewal");
    const subtype = on ? "AUTO_RENEW_ENABLED" : "AUTO_RENEW_DISABLED";
    return this.#save({ ...sub, autoRenew: on }, "DID_CHANGE_RENEWAL_STATUS", subtype, now);
  }

  /** A family member gets an entry of their own: a new originalTransactionId, owned FAMILY_SHARED. */
  async shareWithFamily(id: string, now: Date): Promise<SandboxNotice> {
    const sub = await this.#live(id, "be shared");
    if (sub.ownership === "FAMILY_SHARED") throw new Error(`subscription ${id} is itself a family member's`);
    const memberId = this.#transactionIds.next();
    const { appAccountToken: _, ...shared } = sub;
    const member: SandboxSubscription = {
      ...shared,
      originalTransactionId: memberId,
      ownership: "FAMILY_SHARED",
      sharedFrom: id,
      familyMembers: [],
      originalPurchaseDate: now.getTime(),
      transactions: [
        {
          transactionId: memberId,
          purchaseDate: sub.purchaseDate,
          expiresDate: sub.expiresDate,
          reason: "PURCHASE",
        },
      ],
    };
    await this.#state.put(id, { ...sub, familyMembers: [...sub.familyMembers, memberId] });
    return this.#save(member, "SUBSCRIBED", "INITIAL_BUY", now);
  }

  /** A TEST notification, as `requestTestNotification` makes: no transaction. */
  async sendTest(
    app: { readonly bundleId: string; readonly environment: StoreEnvironment },
    now: Date,
  ): Promise<SandboxNotice> {
    const environment = app.environment === "production" ? ("Production" as const) : ("Sandbox" as const);
    return this.#notify({ type: "TEST", bundleId: app.bundleId, environment }, now);
  }

  /** Apple could not deliver it: the history answers it to `onlyFailures`. */
  async markUndelivered(notificationUUID: string): Promise<void> {
    const found = (await this.#state.notifications()).find((n) => n.notificationUUID === notificationUUID);
    if (!found) throw new Error(`the sandbox App Store sent no notification ${notificationUUID}`);
    await this.#state.putNotification({ ...found, failed: true });
  }

  async #live(id: string, doing: string): Promise<SandboxSubscription> {
    const sub = await this.#state.get(id);
    if (!sub) throw new Error(`the sandbox App Store has no subscription ${id}`);
    if (sub.status === 5) throw new Error(`subscription ${id} is revoked: it cannot ${doing}`);
    return sub;
  }

  async #save(
    sub: SandboxSubscription,
    type: string,
    subtype: string | undefined,
    now: Date,
  ): Promise<SandboxNotice> {
    await this.#state.put(sub.originalTransactionId, sub);
    return this.#notify(
      {
        type,
        ...(subtype ? { subtype } : {}),
        bundleId: sub.bundleId,
        ...(sub.appAppleId !== undefined ? { appAppleId: sub.appAppleId } : {}),
        environment: sub.environment,
        subscription: sub,
      },
      now,
    );
  }

  async #notify(
    facts: Omit<Parameters<typeof notificationPayload>[1], "notificationUUID">,
    now: Date,
  ): Promise<SandboxNotice> {
    const notificationUUID = this.#notificationIds.next();
    const payload = await notificationPayload(this.#signer, { ...facts, notificationUUID }, now);
    const signedPayload = await this.#signer.signNotification(payload);
    const originalTransactionId = facts.subscription?.originalTransactionId;
    await this.#state.putNotification({
      notificationUUID,
      bundleId: facts.bundleId,
      environment: facts.environment,
      ...(originalTransactionId ? { originalTransactionId } : {}),
      sentAt: now.getTime(),
      signedPayload,
      failed: false,
    });
    return {
      body: { signedPayload },
      notificationUUID,
      ...(originalTransactionId ? { originalTransactionId } : {}),
    };
  }
}

export type { SandboxPurchase };
