import * as z from "zod";
import { commonConfigSchema } from "../../../platform/config/common.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { consoleBaseConfigSchema } from "./console.config.ts";

const https = z.url({ protocol: /^https$/ });
const secretArn = z
  .string()
  .regex(/^arn:aws[\w-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, "a Secrets Manager secret's ARN");
const roleArn = (role: string) =>
  z
    .string()
    .regex(/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "an IAM role's ARN")
    .describe(
      `The IAM role operators whose highest console role is ${role} call the services' APIs as (sts:AssumeRole, RoleSessionName = the operator).`,
    );
const api = (service: string) =>
  https.describe(
    `The ${service}'s IAM-authorized API: its invoke URL with the stage (calls are SigV4-signed as the operator).`,
  );
const apiRegion = (service: string) =>
  z
    .string()
    .min(1)
    .optional()
    .describe(
      `The region the ${service}'s API is signed for; read from an execute-api URL, else AWS_REGION, when unset.`,
    );
const stream = (producer: string) =>
  z
    .string()
    .regex(/^[\w.-]{1,128}$/, "a Kinesis stream's name")
    .describe(`The ${producer}'s Kinesis stream the tail reads (no checkpoint, shared throughput).`);

/** A queue's name: up to 80 characters, a FIFO queue's ending in `.fifo`. */
const queueName = z.string().regex(/^(?:[\w-]{1,75}\.fifo|[\w-]{1,80})$/, "a queue's name");

/**
 * The stage's dead-letter queues by name, all in the console's account and region (the one prefix of
 * their ARNs and URLs), so that the list fits Lambda's 4 KB of environment.
 */
const deadLetterQueuesJson = z.strictObject({
  arnPrefix: z
    .string()
    .regex(/^arn:aws[\w-]*:sqs:[a-z0-9-]+:\d{12}:$/, "arn:<partition>:sqs:<region>:<account>:"),
  urlPrefix: z
    .string()
    .regex(/^https:\/\/[a-z0-9.-]+\/\d{12}\/$/, "https://sqs.<region>.<domain>/<account>/"),
  queues: z.array(
    z.strictObject({
      name: queueName,
      kind: z.enum(["queue", "stream"]),
      source: queueName.optional(),
    }),
  ),
});

const deadLetterQueuesSchema = z
  .string()
  .transform((text, ctx) => {
    const parsed = deadLetterQueuesJson.safeParse(parseJsonOrUndefined(text));
    if (parsed.success) {
      const { arnPrefix, urlPrefix, queues } = parsed.data;
      return queues.map(({ name, kind, source }) => ({
        name,
        url: `${urlPrefix}${name}`,
        arn: `${arnPrefix}${name}`,
        kind,
        sourceArn: source === undefined ? undefined : `${arnPrefix}${source}`,
      }));
    }
    ctx.addIssue({
      code: "custom",
      message: `a JSON object {"arnPrefix", "urlPrefix", "queues": [{"name", "kind": "queue"|"stream", "source"?}]}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`,
    });
    return z.NEVER;
  })
  .describe(
    'The stage\'s dead-letter queues the dead-letters page peeks, a JSON object `{"arnPrefix": "arn:aws:sqs:<region>:<account>:", "urlPrefix": "https://sqs.<region>.amazonaws.com/<account>/", "queues": [{"name", "kind", "source"?}]}`: `kind` `queue` for a queue\'s dead-letter queue (redriven with StartMessageMoveTask to `source`, the queue it drains, when it has one), `stream` for a stream worker\'s on-failure queue (batch pointers, never redriven). Written by infra/lib/console from every service\'s registered queues.',
  );

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The console's Lambda (`console-console`): the common and console variables, the identity provider
 * (Auth0's Regular Web Application, its secret read from Secrets Manager at cold start), the public
 * origin CloudFront serves it on, the services' APIs, the three operator roles, the streams it tails and
 * the dead-letter queues it peeks.
 * Each `.describe()` is the variable's documentation (`npm run docs` writes it into src/console/README.md).
 */
export const consoleAwsConfigSchema = commonConfigSchema.extend({
  ...consoleBaseConfigSchema.shape,
  AWS_REGION: z
    .string()
    .min(1)
    .describe("Set by Lambda: the region of the console's table, its secrets, STS and the streams."),
  DYNAMODB_ENDPOINT: z
    .url()
    .optional()
    .describe(
      "Only for pointing a bundle at DynamoDB Local in tests; unset on AWS. The table is `{STAGE}-console`.",
    ),
  CONSOLE_PUBLIC_ORIGIN: z
    .string()
    .regex(/^https:\/\/[a-z0-9.-]+(:\d+)?\/?$/i, "an https origin: scheme and host, no path")
    .transform((url) => new URL(url).origin)
    .describe(
      "Where operators open the console (the CloudFront distribution's domain or its alias), e.g. `https://console.example.com`: requests whose viewer host (x-forwarded-host) is another are refused, and the sign-in's callback is `<origin>/console/callback`.",
    ),
  CONSOLE_ORIGIN_SECRET_ARN: secretArn.describe(
    "The secret CloudFront sends to the function URL in `x-roster-origin-verify` (read at cold start): a request without it did not come through the distribution and is refused.",
  ),
  CONSOLE_AUTH0_ISSUER: https.describe(
    "The Auth0 tenant operators sign in with (OpenID Connect discovery at `<issuer>/.well-known/openid-configuration`).",
  ),
  CONSOLE_AUTH0_CLIENT_ID: z
    .string()
    .min(1)
    .describe("The console's Regular Web Application in Auth0: its client id."),
  CONSOLE_AUTH0_SECRET_ARN: secretArn.describe(
    "The Secrets Manager secret whose string is that application's client secret (read once at cold start, never logged).",
  ),
  USERS_API_URL: api("User Service"),
  USERS_API_REGION: apiRegion("User Service"),
  PAYMENTS_API_URL: api("Payment Service"),
  PAYMENTS_API_REGION: apiRegion("Payment Service"),
  SUBSCRIPTIONS_API_URL: api("Subscription Service"),
  SUBSCRIPTIONS_API_REGION: apiRegion("Subscription Service"),
  PURCHASES_API_URL: api("Purchases Service"),
  PURCHASES_API_REGION: apiRegion("Purchases Service"),
  CONSOLE_SUPPORT_ROLE_ARN: roleArn("support"),
  CONSOLE_MX_ROLE_ARN: roleArn("mx"),
  CONSOLE_ADMIN_ROLE_ARN: roleArn("admin"),
  USERS_STREAM_NAME: stream("User Service"),
  PAYMENTS_STREAM_NAME: stream("Payment Service"),
  SUBSCRIPTIONS_STREAM_NAME: stream("Subscription Service"),
  CONSOLE_TAIL_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60)
    .describe("How far back the streams page reads each shard (Kinesis AT_TIMESTAMP)."),
  CONSOLE_TAIL_CALLS_PER_SHARD: z.coerce
    .number()
    .int()
    .min(1)
    .max(5)
    .default(3)
    .describe("GetRecords calls per shard and page at most (Kinesis allows 5 per second per shard)."),
  CONSOLE_DEAD_LETTER_QUEUES: deadLetterQueuesSchema,
  CONSOLE_DEAD_LETTER_CALLS_PER_QUEUE: z.coerce
    .number()
    .int()
    .min(1)
    .max(5)
    .default(3)
    .describe("ReceiveMessage calls (10 messages each) per dead-letter queue and page at most."),
  CONSOLE_DEAD_LETTERS_SHOWN: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(200)
    .describe("Dead letters the page lists at most, newest first, over every queue."),
});

export type ConsoleAwsConfig = z.infer<typeof consoleAwsConfigSchema>;

export const loadConsoleAwsConfig = (
  env: Record<string, string | undefined> = process.env,
): ConsoleAwsConfig => parseConfig(consoleAwsConfigSchema, env);
