import { z } from "zod";
import { commonConfigSchema } from "../../platform/config/common.config.ts";
import { parseConfig } from "../../platform/config/parse-config.ts";

/** Maps IAM caller ARNs (prefix match) to the principal they act as, e.g. `{"arn:aws:iam::1:role/subs": "service:subscriptions"}`. */
const iamPrincipals = z
  .string()
  .default("{}")
  .transform((text, ctx) => {
    try {
      return z.record(z.string(), z.string().regex(/^(service|operator):[\w.-]+$/)).parse(JSON.parse(text));
    } catch {
      ctx.addIssue({
        code: "custom",
        message: 'a JSON object of ARN prefix -> "service:<name>" | "operator:<name>"',
      });
      return z.NEVER;
    }
  });

export const awsConfigSchema = commonConfigSchema.extend({
  AWS_REGION: z.string().min(1),
  /** The legacy tables live in another region than the primary table (seed 000). */
  LEGACY_TABLES_REGION: z.string().min(1).default("us-east-1"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  AUTH0_ISSUER: z.url({ protocol: /^https$/ }),
  AUTH0_AUDIENCE: z.string().min(1),
  IAM_PRINCIPALS: iamPrincipals,
  /** Only for pointing a bundle at DynamoDB Local in tests; unset on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
});

export type AwsConfig = z.infer<typeof awsConfigSchema>;

export function loadAwsConfig(env: Record<string, string | undefined> = process.env): AwsConfig {
  return parseConfig(awsConfigSchema, env);
}
