/**
 * What every stage has, whatever services it runs: where it lives (account, region, zones), how big its
 * network is, how its functions log and count, where alarms go. Read from the CDK context key
 * `stages.<stage>` beside every service's own keys (each service's `<svc>.settings.ts`); the stage's
 * schema is composed from both in stage.settings.ts. infra/README.md documents every key.
 */
import { z } from "zod";
import { commonConfigSchema } from "../../../src/platform/config/common.config.ts";

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

/** Building blocks for settings schemas, so every service words the same rule the same way. */
export const awsRegion = (example: string) => z.string().regex(REGION, `an AWS region such as ${example}`);
export const httpsUrl = z.url({ protocol: /^https$/, message: "an https URL" });
export const nonEmpty = z.string().min(1);
export const kinesisArn = z
  .string()
  .regex(/^arn:aws[\w-]*:kinesis:[\w-]+:\d{12}:stream\/[\w.-]+$/, "a Kinesis stream ARN");
/** A service's REST API deployed elsewhere (`apis.<name>`), as a stage that imports the service names it. */
export const importedApi = z.strictObject({
  /** Invoke URL with its stage, e.g. https://abc123.execute-api.us-east-2.amazonaws.com/prod */
  url: httpsUrl,
  /** The API stage's ARN, what `execute-api:Invoke` on its routes is granted under. */
  executeApiArn: z
    .string()
    .regex(
      /^arn:aws[\w-]*:execute-api:[\w-]+:\d{12}:\w+\/[\w-]+$/,
      "an API stage's execute-api ARN, arn:aws:execute-api:<region>:<account>:<api id>/<stage>",
    ),
});
export type ImportedApi = z.infer<typeof importedApi>;

/** The keys of `stages.<stage>` that are no service's: the shared constructs read them. */
export const commonSettingsShape = {
  account: z.string().regex(/^\d{12}$/, "a 12-digit AWS account id"),
  region: awsRegion("us-east-2"),
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
  /** Subscribed to the alarm topic when set (the address confirms by mail). */
  alarmEmail: z.email().optional(),
};

const commonSettingsSchema = z.strictObject(commonSettingsShape);

/** A stage's common settings with every default decided. */
export interface StageConfig extends z.infer<typeof commonSettingsSchema> {
  readonly stage: string;
  readonly production: boolean;
  readonly availabilityZones: string[] | undefined;
  readonly natGateways: number;
}

export const stageNameSchema = commonConfigSchema.shape.STAGE.unwrap();

export class StageConfigError extends Error {
  override name = "StageConfigError";
}

/** Refuses settings that failed their schema, naming each context key (`context stages.dev.auth0.issuer`). */
export function settingsError(stage: string, issues: readonly z.core.$ZodIssue[]): StageConfigError {
  const lines = issues.map(
    (issue) => `context stages.${[stage, ...issue.path.map(String)].join(".")}: ${issue.message}`,
  );
  return new StageConfigError(
    `stage ${stage} is not configured (infra/README.md, "Configuring a stage"):\n${lines.join("\n")}`,
  );
}

/** The common settings of a stage whose whole input already passed the stage's schema. */
export function commonStageConfig(stage: string, input: Readonly<Record<string, unknown>>): StageConfig {
  const picked = Object.fromEntries(
    Object.keys(commonSettingsShape).flatMap((key) => (key in input ? [[key, input[key]]] : [])),
  );
  const result = commonSettingsSchema.safeParse(picked);
  if (!result.success) throw settingsError(stage, result.error.issues);
  const settings = result.data;
  const production = settings.production ?? stage === "prod";
  return {
    ...settings,
    stage,
    production,
    availabilityZones: settings.availabilityZones,
    natGateways: settings.natGateways ?? (production ? 2 : 1),
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
