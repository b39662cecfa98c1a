import type { Platform, StoreEnvironment } from "./store-subscription.ts";

/**
 * An app Roster serves purchases for, by the name its clients send as `platform` (the model's `ios`,
 * `android`, `ios-feast`...): several apps are configuration, not copies of code.
 */
export interface StoreApp {
  readonly name: string;
  readonly platform: Platform;
  /** Apple's bundle id or Google's package name. */
  readonly app: string;
  /** Apple: the environments to look in, in order (a restore or a link does not say which). */
  readonly environments: readonly StoreEnvironment[];
  /** The product name the soft opt-in names (`InAppPurchase`, `FeastInAppPurchase`). */
  readonly productName: string;
  /**
   * Who issued the account tokens the app passes to the store: Roster (`GET /user/purchase-token`, the
   * default) or Braze (the seed's Feast apps: the token is a Braze external id, exchanged for the user).
   */
  readonly accountTokens?: "roster" | "braze";
  /** The Braze campaign that welcomes a new in-app subscriber of this app, if it sends one. */
  readonly welcomeCampaign?: string;
}

export function appNamed(apps: readonly StoreApp[], name: string, platform: Platform): StoreApp | undefined {
  return apps.find((candidate) => candidate.name === name && candidate.platform === platform);
}

export function appOf(apps: readonly StoreApp[], platform: Platform, app: string): StoreApp | undefined {
  return apps.find((candidate) => candidate.platform === platform && candidate.app === app);
}
