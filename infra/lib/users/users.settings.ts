/**
 * What the User Service reads from `stages.<stage>` beside the common settings: its vendors (Auth0,
 * GrowthBook, Experian, Segment, Array), the internal services it calls (not the Payment and
 * Subscription Services: the stage's own, from the API registry), its legacy region, bus, vendor secret and database. infra/README.md, "Configuring a stage", documents every key.
 */
import { z } from "zod";
import { PLACEHOLDER_ACCOUNT, placeholderUrl } from "../shared/placeholders.ts";
import { type ConfigOf, serviceSettings } from "../shared/service-settings.ts";
import { awsRegion, httpsUrl, nonEmpty } from "../shared/stage.config.ts";

const internalApi = z.strictObject({
  /** Invoke URL with its stage, e.g. https://abc123.execute-api.us-east-2.amazonaws.com/prod */
  url: httpsUrl,
  /** What `execute-api:Invoke` is granted on; derived from an execute-api URL when absent. */
  executeApiArn: z
    .string()
    .regex(/^arn:aws[\w-]*:execute-api:[\w-]+:\d{12}:\w+\/.+$/, "an execute-api ARN")
    .optional(),
});

const shape = {
  /** Seed 000 keeps `user-phone-numbers` and `user-balance-settings` in another region. */
  legacyRegion: awsRegion("us-east-1").default("us-east-1"),
  /** Seed 000's bus; one per account and region: stages sharing one must set distinct names. */
  eventBusName: z
    .string()
    .regex(/^[\w.\-/]{1,256}$/)
    .default("user-service.api"),
  /** Secrets Manager secret (name or ARN) with the vendors' secrets; default `<stage>/user-service/vendors`. */
  vendorSecret: z.string().min(1).optional(),
  database: z
    .strictObject({
      /** e.g. `t4g.micro`; default t4g.micro, `r7g.large` in production. */
      instanceType: z
        .string()
        .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "an instance type such as t4g.micro")
        .optional(),
      allocatedStorageGiB: z.int().min(20).max(65_536).default(20),
      /** Default: production. */
      readReplica: z.boolean().optional(),
    })
    .prefault({}),
  auth0: z.strictObject({
    issuer: httpsUrl,
    audience: nonEmpty,
    managementDomain: z.hostname("a bare host name such as roster.us.auth0.com"),
    managementClientId: nonEmpty,
  }),
  growthbook: z.strictObject({
    apiHost: httpsUrl,
    /** The SDK connection's client key (`sdk-...`): it only reads features, so it is no secret. */
    clientKey: nonEmpty,
    /** When the SDK connection encrypts its payload: the vendor secret then holds GROWTHBOOK_DECRYPTION_KEY. */
    encrypted: z.boolean().default(false),
  }),
  experian: z.strictObject({ baseUrl: httpsUrl, clientId: nonEmpty, subscriberCode: nonEmpty }),
  segment: z.strictObject({ host: httpsUrl.optional() }).prefault({}),
  array: z.strictObject({ apiUrl: httpsUrl }),
  internalApis: z.strictObject({
    transactions: internalApi,
    float: internalApi,
    underwriting: internalApi,
  }),
  /** More callers of the internal API: IAM ARN prefix -> `service:<name>` | `operator:<name>`. */
  iamPrincipals: z
    .record(z.string().regex(/^arn:aws[\w-]*:(iam|sts)::\d{12}:/, "an IAM or STS ARN prefix"), z.string())
    .refine((map) => Object.values(map).every((v) => /^(service|operator):[\w.-]+$/.test(v)), {
      message: 'values are "service:<name>" or "operator:<name>"',
    })
    .default({}),
};

const api = (name: string) => ({
  url: `${placeholderUrl(name)}/stage`,
  executeApiArn: `arn:aws:execute-api:us-east-2:${PLACEHOLDER_ACCOUNT}:placeholder${name}/stage/*/*`,
});

export const userSettings = serviceSettings({
  shape,
  placeholders: {
    auth0: {
      issuer: `${placeholderUrl("auth0")}/`,
      audience: "https://user-service.placeholder.invalid",
      managementDomain: "auth0.placeholder.invalid",
      managementClientId: "placeholder-management-client-id",
    },
    growthbook: { apiHost: placeholderUrl("growthbook"), clientKey: "sdk-placeholder" },
    experian: {
      baseUrl: placeholderUrl("experian"),
      clientId: "placeholder-experian-client",
      subscriberCode: "placeholder",
    },
    array: { apiUrl: placeholderUrl("array") },
    internalApis: {
      transactions: api("transactions"),
      float: api("float"),
      underwriting: api("underwriting"),
    },
  },
  resolve: (settings, { stage, production }) => ({
    ...settings,
    vendorSecret: settings.vendorSecret ?? `${stage}/user-service/vendors`,
    database: {
      ...settings.database,
      instanceType: settings.database.instanceType ?? (production ? "r7g.large" : "t4g.micro"),
      readReplica: settings.database.readReplica ?? production,
    },
  }),
});

/** The stage as the User Service's stacks read it: the common settings and the service's own. */
export type UsersConfig = ConfigOf<typeof userSettings>;
