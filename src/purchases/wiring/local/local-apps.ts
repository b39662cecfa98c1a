import type { StoreApp } from "../../domain/apps.ts";

/**
 * The apps the local process serves: Roster's own on both stores, and a Feast-style app whose account
 * tokens are Braze external ids and which sends a welcome email (seed 001's variants are configuration).
 * Locally the App Store is the sandbox: its notifications say `Sandbox`, as TestFlight's do.
 */
export const LOCAL_APPS: readonly StoreApp[] = [
  {
    name: "ios",
    platform: "apple",
    app: "dev.roster.app",
    environments: ["sandbox"],
    productName: "InAppPurchase",
  },
  {
    name: "ios-feast",
    platform: "apple",
    app: "dev.roster.feast",
    environments: ["sandbox"],
    productName: "FeastInAppPurchase",
    accountTokens: "braze",
    welcomeCampaign: "feast-welcome",
  },
  {
    name: "android",
    platform: "google",
    app: "dev.roster.android",
    environments: ["production"],
    productName: "InAppPurchase",
  },
];

/** The local Pub/Sub push subscription's audience and service account (what its OIDC tokens carry). */
export const LOCAL_PUSH = {
  audience: "https://roster.local/google/pubsub",
  email: "play-rtdn-push@roster-local.iam.gserviceaccount.com",
} as const;

/** The local App Store Server API key's ids (App Store Connect gives real ones with the .p8 file). */
export const LOCAL_APP_STORE_KEY = {
  keyId: "ROSTERLOCAL",
  issuerId: "7b4b7f9e-6a0c-4e39-9d1c-0c8f6a1b2c3d",
} as const;
