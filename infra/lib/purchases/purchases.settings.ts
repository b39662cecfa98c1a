/**
 * What the Purchases service reads from `stages.<stage>` beside the common settings, all under
 * `purchases`: the apps it serves (PURCHASES_APPS), the Pub/Sub push subscription's service account
 * (and audience), Auth0 (the users' routes), Braze (optional), and an existing bucket to export to
 * instead of its own. Its secrets are not settings: the stateful stack makes them empty, the operator
 * fills them (infra/README.md, "Purchases secrets").
 */
import { z } from "zod";
import { storeAppSchema } from "../../../src/purchases/wiring/config/purchases.config.ts";
import { placeholderUrl } from "../shared/placeholders.ts";
import { type ConfigOf, serviceSettings } from "../shared/service-settings.ts";
import { httpsUrl, nonEmpty } from "../shared/stage.config.ts";

const PLACEHOLDER_APPS = "placeholder:apps";

/** What `placeholder:apps` synthesizes: one app on each store, under made-up ids. */
const SYNTH_ONLY_APPS: z.infer<typeof storeAppSchema>[] = [
  {
    name: "ios",
    platform: "apple",
    app: "invalid.placeholder.app",
    environments: ["production", "sandbox"],
    productName: "InAppPurchase",
    appAppleId: 1,
  },
  {
    name: "android",
    platform: "google",
    app: "invalid.placeholder.android",
    environments: ["production"],
    productName: "InAppPurchase",
  },
];

const shape = {
  purchases: z.strictObject({
    /** PURCHASES_APPS; the placeholder (`placeholder:apps`) stands for two made-up apps a deploy refuses. */
    apps: z.union([z.array(storeAppSchema).min(1), z.literal(PLACEHOLDER_APPS)]),
    googlePush: z.strictObject({
      /** The push subscription's service account (its OIDC tokens' `email`). */
      serviceAccount: z.email(),
      /** The tokens' audience; default the public API's own `.../google/pubsub` URL (Pub/Sub's default). */
      audience: nonEmpty.optional(),
    }),
    auth0: z.strictObject({ issuer: httpsUrl, audience: nonEmpty }),
    /** Braze's REST endpoint; with it the stateful stack makes the Braze key's secret. */
    braze: z.strictObject({ apiUrl: httpsUrl }).optional(),
    /** An existing bucket (its name) to export to, e.g. a data lake's landing bucket; default the service's own. */
    exportBucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name")
      .optional(),
    /**
     * More callers of its internal API (beside the services the stage admits): IAM ARN prefix ->
     * `service:<name>` | `operator:<name>`.
     */
    iamPrincipals: z
      .record(z.string().regex(/^arn:aws[\w-]*:(iam|sts)::\d{12}:/, "an IAM or STS ARN prefix"), z.string())
      .refine((map) => Object.values(map).every((v) => /^(service|operator):[\w.-]+$/.test(v)), {
        message: 'values are "service:<name>" or "operator:<name>"',
      })
      .default({}),
  }),
};

export const purchaseSettings = serviceSettings({
  shape,
  placeholders: {
    purchases: {
      apps: PLACEHOLDER_APPS,
      googlePush: { serviceAccount: "play-rtdn-push@placeholder.iam.gserviceaccount.com" },
      auth0: { issuer: `${placeholderUrl("auth0")}/`, audience: "https://purchases.placeholder.invalid" },
    },
  },
  resolve: (settings) => ({
    ...settings,
    purchases: {
      ...settings.purchases,
      apps: settings.purchases.apps === PLACEHOLDER_APPS ? SYNTH_ONLY_APPS : settings.purchases.apps,
    },
  }),
});

/** The stage as the Purchases service's stacks read it: the common settings and the service's own. */
export type PurchasesConfig = ConfigOf<typeof purchaseSettings>;
