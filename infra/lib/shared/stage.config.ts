/**
 * One stage's settings (`dev`, `prod`, ...), read from the CDK context key `stages.<stage>` and checked
 * with zod, so a missing or malformed value fails the synth with the context key that holds it.
 * infra/README.md documents every key; infra/cdk.context.example.json is a complete example.
 */
import { z } from "zod";
import { commonConfigSchema } from "../../../src/platform/config/common.config.ts";

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const https = z.url({ protocol: /^https$/, message: "an https URL" });
const text = z.string().min(1);
const kinesisArn = z
  .string()
  .regex(/^arn:aws[\w-]*:kinesis:[\w-]+:\d{12}:stream\/[\w.-]+$/, "a Kinesis stream ARN");

const internalApi = z.strictObject({
  /** Invoke URL with its stage, e.g. https://abc123.execute-api.us-east-2.amazonaws.com/prod */
  url: https,
  /** What `execute-api:Invoke` is granted on; derived from an execute-api URL when absent. */
  executeApiArn: z
    .string()
    .regex(/^arn:aws[\w-]*:execute-api:[\w-]+:\d{12}:\w+\/.+$/, "an execute-api ARN")
    .optional(),
});

export const stageSettingsSchema = z.strictObject({
  account: z.string().regex(/^\d{12}$/, "a 12-digit AWS account id"),
  region: z.string().regex(REGION, "an AWS region such as us-east-2"),
  /** Seed 000 keeps `user-phone-numbers` and `user-balance-settings` in another region. */
  legacyRegion: z.string().regex(REGION, "an AWS region such as us-east-1").default("us-east-1"),
  /** Production stages get Multi-AZ, a read replica, deletion protection, two NAT gateways. */
  production: z.boolean().optional(),
  /** Two or three zones of `region`; default the region's first two (`Fn::GetAZs`: no lookup at synth). */
  availabilityZones: z
    .array(z.string().regex(/^[a-z]{2}[\w-]+-\d[a-z]$/))
    .min(2)
    .max(3)
    .optional(),
  natGateways: z.int().min(1).max(3).optional(),
  logLevel: commonConfigSchema.shape.LOG_LEVEL.unwrap().default("INFO"),
  metricsNamespace: z.string().min(1).max(255).default("Roster"),
  /** Seed 000's bus; one per account and region: stages sharing one must set distinct names. */
  eventBusName: z
    .string()
    .regex(/^[\w.\-/]{1,256}$/)
    .default("user-service.api"),
  /** Subscribed to the alarm topic when set (the address confirms by mail). */
  alarmEmail: z.email().optional(),
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
  /** Streams another stage or service owns: imported by ARN instead of created as `<stage>-payments`, ... */
  streams: z
    .strictObject({ paymentsArn: kinesisArn.optional(), subscriptionsArn: kinesisArn.optional() })
    .prefault({}),
  auth0: z.strictObject({
    issuer: https,
    audience: text,
    managementDomain: z.hostname("a bare host name such as roster.us.auth0.com"),
    managementClientId: text,
  }),
  growthbook: z.strictObject({
    apiHost: https,
    /** The SDK connection's client key (`sdk-...`): it only reads features, so it is no secret. */
    clientKey: text,
    /** When the SDK connection encrypts its payload: the vendor secret then holds GROWTHBOOK_DECRYPTION_KEY. */
    encrypted: z.boolean().default(false),
  }),
  experian: z.strictObject({ baseUrl: https, clientId: text, subscriberCode: text }),
  segment: z.strictObject({ host: https.optional() }).prefault({}),
  array: z.strictObject({ apiUrl: https }),
  internalApis: z.strictObject({
    transactions: internalApi,
    subscription: internalApi,
    payment: internalApi,
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
});

export type StageSettings = z.infer<typeof stageSettingsSchema>;

/** A stage's settings with every default decided. */
export interface StageConfig extends StageSettings {
  readonly stage: string;
  readonly production: boolean;
  readonly availabilityZones: string[] | undefined;
  readonly natGateways: number;
  readonly vendorSecret: string;
  readonly database: StageSettings["database"] & { instanceType: string; readReplica: boolean };
}

export const stageNameSchema = commonConfigSchema.shape.STAGE.unwrap();

export class StageConfigError extends Error {
  override name = "StageConfigError";
}

export function parseStageConfig(stage: string, raw: unknown): StageConfig {
  const name = stageNameSchema.safeParse(stage);
  if (!name.success)
    throw new StageConfigError(`context stage: "${stage}" is not ${name.error.issues[0]?.message}`);
  const result = stageSettingsSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `context stages.${[stage, ...issue.path.map(String)].join(".")}: ${issue.message}`,
    );
    throw new StageConfigError(
      `stage ${stage} is not configured (infra/README.md, "Configuring a stage"):\n${lines.join("\n")}`,
    );
  }
  const settings = result.data;
  const production = settings.production ?? stage === "prod";
  return {
    ...settings,
    stage,
    production,
    availabilityZones: settings.availabilityZones,
    natGateways: settings.natGateways ?? (production ? 2 : 1),
    vendorSecret: settings.vendorSecret ?? `${stage}/user-service/vendors`,
    database: {
      ...settings.database,
      instanceType: settings.database.instanceType ?? (production ? "r7g.large" : "t4g.micro"),
      readReplica: settings.database.readReplica ?? production,
    },
  };
}

/** The ARN partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/**
 * `{stage}-{service}-{suffix}`: the seeds' naming of a service's resources (prod-user-service-api,
 * prod-user-service-cleanup).
 */
export function serviceName(config: Pick<StageConfig, "stage">, service: string, suffix: string): string {
  return `${config.stage}-${service}-${suffix}`;
}
