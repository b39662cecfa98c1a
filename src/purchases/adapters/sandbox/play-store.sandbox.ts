import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import { type NotificationKind, type PubSubPushBody, pubSubPush } from "./play-pubsub-push.builder.ts";
import { FROM, type Operation, TYPE } from "./play-store-sandbox.lifecycle.ts";
import type { PlayStoreSandboxState, SandboxPurchase } from "./play-store-sandbox.state.ts";

/** What an operation did: the purchase's token and the push Google would send for it. */
export interface SandboxOutcome {
  readonly token: string;
  readonly push: PubSubPushBody;
}

export interface PlayStoreSandboxOptions {
  readonly state: PlayStoreSandboxState;
  readonly ids: IdGenerator;
  /** How long the grace period lasts (Play lets a developer pick 3 to 30 days). */
  readonly graceMs?: number;
}

export interface BuyInput {
  readonly packageName: string;
  readonly productId: string;
  readonly basePlanId?: string;
  /** Roster's account token, passed by the app as obfuscatedAccountId. */
  readonly accountToken?: string;
  readonly periodMs: number;
  readonly now: Date;
  /** A license tester's purchase (the default: the sandbox never takes money). */
  readonly testPurchase?: boolean;
}

/**
 * The local Google Play: a member's purchases and what happens to them, each operation answering the
 * Pub/Sub push Google would send. State lives behind `PlayStoreSandboxState`, read on every call.
 */
export class PlayStoreSandbox {
  readonly #state: PlayStoreSandboxState;
  readonly #ids: IdGenerator;
  readonly #graceMs: number;

  constructor(options: PlayStoreSandboxOptions) {
    this.#state = options.state;
    this.#ids = options.ids;
    this.#graceMs = options.graceMs ?? 3 * 24 * 3600 * 1000;
  }

  async buy(input: BuyInput): Promise<SandboxOutcome> {
    return this.#create(input, undefined);
  }

  async renew(token: string, now: Date): Promise<SandboxOutcome> {
    const p = await this.#load(token, "renew");
    const from = Math.max(Date.parse(p.expiryTime), now.getTime());
    const recovered = p.state === "IN_GRACE_PERIOD" || p.state === "ON_HOLD";
    const next = { ...p, state: "ACTIVE" as const, expiryTime: iso(from + p.periodMs) };
    return this.#save(next, recovered ? TYPE.RECOVERED : TYPE.RENEWED, now);
  }

  async enterGrace(token: string, now: Date): Promise<SandboxOutcome> {
    const p = await this.#load(token, "enterGrace");
    // Play extends the line item's expiry to the end of the grace period.
    const expiryTime = iso(Math.max(Date.parse(p.expiryTime), now.getTime()) + this.#graceMs);
    return this.#save({ ...p, state: "IN_GRACE_PERIOD", expiryTime }, TYPE.GRACE, now);
  }

  async hold(token: string, now: Date): Promise<SandboxOutcome> {
    const p = await this.#load(token, "hold");
    return this.#save({ ...p, state: "ON_HOLD", expiryTime: earlier(p.expiryTime, now) }, TYPE.ON_HOLD, now);
  }

  async pause(token: string, now: Date): Promise<SandboxOutcome> {
    const p = await this.#load(token, "pause");
    return this.#save({ ...p, state: "PAUSED", expiryTime: earlier(p.expiryTime, now) }, TYPE.PAUSED, now);
  }

  async cancel(token: string, now: Date): Promise<SandboxOutcome> {
    const p = await this.#load(token, "cancel");
    const next = { ...p, state: "CANCELED" as const, autoRenew: false, canceledAt: now.toISOString() };
    return this.#save(next, TYPE.CANCELED, now);
  }

  async expire(token: string, now: Date): Promise<SandboxOutcome> {
    const p = await this.#load(token, "expire");
    const next = {
      ...p,
      state: "EXPIRED" as const,
      autoRenew: false,
      expiryTime: earlier(p.expiryTime, now),
    };
    return this.#save(next, TYPE.EXPIRED, now);
  }

  /** A refund with revocation: access ends now, and Play sends a voided purchase notification. */
  async revoke(token: string, now: Date): Promise<SandboxOutcome> {
    const p = await this.#load(token, "revoke");
    const next: SandboxPurchase = {
      ...p,
      state: "EXPIRED",
      autoRenew: false,
      expiryTime: earlier(p.expiryTime, now),
      revokedAt: now.toISOString(),
    };
    await this.#state.put(token, next);
    const orderId = `GPA.sandbox-${this.#ids.next()}`;
    const voided = { purchaseToken: token, orderId, productType: 1, refundType: 1 };
    return { token, push: this.#push(p.packageName, { voidedPurchaseNotification: voided }, now) };
  }

  /** An upgrade or downgrade: a new purchase token linked to the old one, which Play ends at once. */
  async upgrade(token: string, newProductId: string, now: Date): Promise<SandboxOutcome> {
    const p = await this.#load(token, "upgrade");
    const created = await this.#create(
      {
        packageName: p.packageName,
        productId: newProductId,
        basePlanId: p.basePlanId,
        periodMs: p.periodMs,
        now,
        testPurchase: p.testPurchase,
        ...(p.obfuscatedExternalAccountId ? { accountToken: p.obfuscatedExternalAccountId } : {}),
      },
      token,
    );
    const old = { ...p, state: "EXPIRED" as const, autoRenew: false, expiryTime: earlier(p.expiryTime, now) };
    await this.#state.put(token, { ...old, replacedBy: created.token });
    return created;
  }

  /** From now on the API answers 410 Gone for this token (Play forgets tokens some time after expiry). */
  async gone(token: string): Promise<void> {
    const p = await this.#state.get(token);
    if (!p) throw new Error(`the sandbox has no purchase token#${token.slice(0, 8)}`);
    await this.#state.put(token, { ...p, gone: true });
  }

  /** Play Console's "Send test notification". */
  testNotification(packageName: string, now: Date): PubSubPushBody {
    return this.#push(packageName, { testNotification: {} }, now);
  }

  async #create(input: BuyInput, linkedPurchaseToken: string | undefined): Promise<SandboxOutcome> {
    const token = `sandbox.${this.#ids.next()}`;
    const purchase: SandboxPurchase = {
      token,
      packageName: input.packageName,
      productId: input.productId,
      basePlanId: input.basePlanId ?? "monthly",
      startTime: input.now.toISOString(),
      expiryTime: iso(input.now.getTime() + input.periodMs),
      periodMs: input.periodMs,
      state: "ACTIVE",
      autoRenew: true,
      acknowledged: false,
      ...(linkedPurchaseToken ? { linkedPurchaseToken } : {}),
      ...(input.accountToken ? { obfuscatedExternalAccountId: input.accountToken } : {}),
      testPurchase: input.testPurchase ?? true,
    };
    return this.#save(purchase, TYPE.PURCHASED, input.now);
  }

  async #load(token: string, operation: Operation): Promise<SandboxPurchase> {
    const purchase = await this.#state.get(token);
    if (!purchase) throw new Error(`the sandbox has no purchase token#${token.slice(0, 8)}`);
    if (!FROM[operation].includes(purchase.state))
      throw new Error(
        `${operation} is not possible from ${purchase.state} (from ${FROM[operation].join(", ")})`,
      );
    return purchase;
  }

  async #save(purchase: SandboxPurchase, notificationType: number, now: Date): Promise<SandboxOutcome> {
    await this.#state.put(purchase.token, purchase);
    const sub = { notificationType, purchaseToken: purchase.token, subscriptionId: purchase.productId };
    return {
      token: purchase.token,
      push: this.#push(purchase.packageName, { subscriptionNotification: sub }, now),
    };
  }

  #push(packageName: string, kind: NotificationKind, now: Date): PubSubPushBody {
    return pubSubPush({ packageName, kind, messageId: this.#ids.next(), now });
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const earlier = (at: string, now: Date) => iso(Math.min(Date.parse(at), now.getTime()));
