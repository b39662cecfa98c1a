import { randomBytes } from "node:crypto";
import { STSClient } from "@aws-sdk/client-sts";
import { handle } from "hono/aws-lambda";
import { awsTableStore } from "../../../platform/adapters/aws/dynamodb-table-store.factory.ts";
import { type SecretFetcher, secretsManagerFetcher } from "../../../platform/adapters/aws/secret-fetcher.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { onFirstUse } from "../../../platform/service/on-first-use.ts";
import { tableStoreHealth } from "../../../platform/store/table-store.health.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { type IdGenerator, randomIds } from "../../../platform/time/id-generator.port.ts";
import { AssumedRoleTransport } from "../../adapters/aws/assumed-role.transport.ts";
import { regionOfApiUrl, type ServiceApis } from "../../adapters/aws/service-api.routing.ts";
import { AuditTrailStore } from "../../adapters/dynamodb/audit-trail.store.ts";
import { consoleTable } from "../../adapters/dynamodb/console.tables.ts";
import { ConsoleSessionStore } from "../../adapters/dynamodb/console-session.store.ts";
import { HttpCatalogueSource } from "../../adapters/http/catalogue.client.ts";
import { HttpDashboardSource } from "../../adapters/http/dashboard.client.ts";
import { HttpMemberActions } from "../../adapters/http/member-actions.client.ts";
import { HttpMemberDirectory } from "../../adapters/http/member-directory.client.ts";
import { OperatorRosterApi } from "../../adapters/http/roster-api.client.ts";
import { OpenIdOperatorSignIn } from "../../adapters/oidc/openid-operator.sign-in.ts";
import { behindCloudFront } from "../../api/behind-cloudfront.app.ts";
import { createConsoleApp } from "../../api/console.app.ts";
import type { DeadLetterBox } from "../../ports/dead-letter-box.port.ts";
import type { StreamReader } from "../../ports/stream-reader.port.ts";
import type { ConsoleDeps } from "../../use-cases/console.deps.ts";
import { type ConsoleAwsConfig, loadConsoleAwsConfig } from "../config/console-aws.config.ts";
import { CONSOLE_STREAMS } from "../console-streams.ts";

/** Read once at cold start and kept for the instance's life (a changed secret reaches new instances). */
const AT_COLD_START = { maxAge: 24 * 60 * 60 };

/** The four services' APIs with the region each is signed for. */
function serviceApis(config: ConsoleAwsConfig): ServiceApis {
  const api = (url: string, region: string | undefined) => ({
    url,
    region: region ?? regionOfApiUrl(url, config.AWS_REGION),
  });
  return {
    users: api(config.USERS_API_URL, config.USERS_API_REGION),
    payments: api(config.PAYMENTS_API_URL, config.PAYMENTS_API_REGION),
    subscriptions: api(config.SUBSCRIPTIONS_API_URL, config.SUBSCRIPTIONS_API_REGION),
    purchases: api(config.PURCHASES_API_URL, config.PURCHASES_API_REGION),
  };
}

/**
 * The console's composition root on AWS, once per cold start: its table on DynamoDB, Auth0 as the
 * identity provider (the client secret and CloudFront's origin secret read from Secrets Manager: a
 * failure fails the start), the services called as the operator with their role assumed in their name,
 * the tail on Kinesis, and the stage's dead-letter queues peeked and redriven on SQS.
 */
export async function buildConsoleAws(
  config: ConsoleAwsConfig,
  secrets: SecretFetcher = secretsManagerFetcher(),
  clock: Clock = systemClock,
  ids: IdGenerator = randomIds,
) {
  const logger = createLogger("console", config.LOG_LEVEL);
  const [clientSecret, originSecret] = await Promise.all([
    secrets(config.CONSOLE_AUTH0_SECRET_ARN, AT_COLD_START),
    secrets(config.CONSOLE_ORIGIN_SECRET_ARN, AT_COLD_START),
  ]);
  const store = awsTableStore(config, clock);
  const api = new OperatorRosterApi(
    new AssumedRoleTransport({
      sts: new STSClient({ region: config.AWS_REGION }),
      roleArns: {
        support: config.CONSOLE_SUPPORT_ROLE_ARN,
        mx: config.CONSOLE_MX_ROLE_ARN,
        admin: config.CONSOLE_ADMIN_ROLE_ARN,
      },
      apis: serviceApis(config),
      clock,
      timeoutMs: config.CONSOLE_CALL_TIMEOUT_MS,
      logger,
    }),
  );
  const streamNames: Record<(typeof CONSOLE_STREAMS)[number]["name"], string> = {
    users: config.USERS_STREAM_NAME,
    payments: config.PAYMENTS_STREAM_NAME,
    subscriptions: config.SUBSCRIPTIONS_STREAM_NAME,
  };
  const deps: ConsoleDeps = {
    sessions: new ConsoleSessionStore(store, clock),
    audit: new AuditTrailStore(store),
    directory: new HttpMemberDirectory(api),
    actions: new HttpMemberActions(api),
    // The stream tail and the dead letters load their SDK clients on their pages' first use.
    streams: onFirstUse<StreamReader>(async () => {
      const { kinesisStreamReader } = await import("./live-views.aws.ts");
      return kinesisStreamReader(config.AWS_REGION, {
        streamNames,
        clock,
        windowMinutes: config.CONSOLE_TAIL_WINDOW_MINUTES,
        maxCallsPerShard: config.CONSOLE_TAIL_CALLS_PER_SHARD,
      });
    }),
    streamNames: CONSOLE_STREAMS.map((stream) => stream.name),
    deadLetters: onFirstUse<DeadLetterBox>(async () => {
      const { sqsDeadLetterBox } = await import("./live-views.aws.ts");
      return sqsDeadLetterBox(config.AWS_REGION, {
        queues: config.CONSOLE_DEAD_LETTER_QUEUES,
        callsPerQueue: config.CONSOLE_DEAD_LETTER_CALLS_PER_QUEUE,
        maxMessages: config.CONSOLE_DEAD_LETTERS_SHOWN,
      });
    }),
    catalogue: new HttpCatalogueSource(api, clock),
    dashboard: new HttpDashboardSource(api),
    signIn: new OpenIdOperatorSignIn({
      issuer: () => new URL(config.CONSOLE_AUTH0_ISSUER),
      clientId: config.CONSOLE_AUTH0_CLIENT_ID,
      clientSecret,
    }),
    clock,
    ids,
    secretTokens: () => randomBytes(32).toString("base64url"),
    sessionHours: config.CONSOLE_SESSION_HOURS,
  };
  const app = createConsoleApp(deps, {
    logger,
    health: [tableStoreHealth(store, consoleTable)],
    serveAssets: false,
    // The sign-out goes on to Auth0's end-session endpoint.
    formActionOrigins: [new URL(config.CONSOLE_AUTH0_ISSUER).origin],
  });
  return behindCloudFront(app, { publicOrigin: config.CONSOLE_PUBLIC_ORIGIN, originSecret });
}

/** The console's Lambda handler (function URL events): config parsed, failing fast naming the variable. */
export async function consoleHandler(env: Record<string, string | undefined>) {
  return handle(await buildConsoleAws(loadConsoleAwsConfig(env)));
}
