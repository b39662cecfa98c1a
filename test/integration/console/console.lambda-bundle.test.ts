import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { APIGatewayProxyStructuredResultV2, Context, LambdaFunctionURLEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { consoleTable } from "../../../src/console/adapters/dynamodb/console.tables.ts";
import { ConsoleSessionStore } from "../../../src/console/adapters/dynamodb/console-session.store.ts";
import { DynamoDbTableStore } from "../../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import { startFakeSecretsManager } from "../../fakes/secrets-manager.fake.ts";
import { ensureTestTables } from "../../suites/users/dynamodb-test-services.ts";
import { builtBundle } from "../../support/build-bundles.ts";
import { dynamoDbDocumentClientFor, JAVA_MISSING, uniqueTestStage } from "../../support/dynamodb-local.ts";
import { loadBundleHandler } from "../../support/worker-bundle.ts";

type Handler = (
  event: LambdaFunctionURLEvent,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const endpoint = inject("dynamodbEndpoint");
const ISSUER = "https://roster-test.auth0.example/";
const ORIGIN = "https://console.roster.test";
const ORIGIN_SECRET = "origin-secret-from-secrets-manager";
const secretArn = (name: string) => `arn:aws:secretsmanager:us-east-2:111122223333:secret:${name}-AbCdEf`;
const FUNCTION_URL_HOST = "abc123.lambda-url.us-east-2.on.aws";

/** What the function URL hands the Lambda for a request CloudFront forwarded (payload format 2.0). */
function functionUrlEvent(path: string, headers: Record<string, string>): LambdaFunctionURLEvent {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { host: FUNCTION_URL_HOST, ...headers },
    isBase64Encoded: false,
    requestContext: {
      accountId: "anonymous",
      apiId: "abc123",
      domainName: FUNCTION_URL_HOST,
      domainPrefix: "abc123",
      http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "203.0.113.9", userAgent: "test" },
      requestId: "req-1",
      routeKey: "$default",
      stage: "$default",
      time: "03/Dec/2026:10:00:00 +0000",
      timeEpoch: 0,
    },
  };
}

/**
 * Auth0's discovery document, answered in place of the network: openid-client looks up the global
 * `fetch` when it calls, and the bundle runs in this process. Anything else fetched fails the test.
 */
function stubIdentityProvider() {
  const real = globalThis.fetch;
  vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === `${ISSUER}.well-known/openid-configuration`)
      return Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}authorize`,
        token_endpoint: `${ISSUER}oauth/token`,
        jwks_uri: `${ISSUER}.well-known/jwks.json`,
        end_session_endpoint: `${ISSUER}oidc/logout`,
      });
    if (url.startsWith("http://127.0.0.1")) return real(input, init);
    throw new Error(`the console's bundle fetched ${url}`);
  });
}

describe.skipIf(!endpoint)(`bundled console Lambda handler ${endpoint ? "" : JAVA_MISSING}`, () => {
  const stage = uniqueTestStage();
  let handler: Handler;
  let secrets: Awaited<ReturnType<typeof startFakeSecretsManager>>;

  beforeAll(async () => {
    await ensureTestTables(endpoint, stage, [consoleTable]);
    secrets = await startFakeSecretsManager({
      [secretArn("test/console/auth0")]: "auth0-client-secret",
      [secretArn("test/console/origin-verify")]: ORIGIN_SECRET,
    });
    stubIdentityProvider();
    const api = (id: string) => `https://${id}.execute-api.us-east-2.amazonaws.com/test`;
    const role = (name: string) => `arn:aws:iam::111122223333:role/test-console-${name}`;
    handler = await loadBundleHandler<Handler>("console-console", {
      STAGE: stage,
      LOG_LEVEL: "SILENT",
      DYNAMODB_ENDPOINT: endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.server.origin,
      CONSOLE_PUBLIC_ORIGIN: ORIGIN,
      CONSOLE_ORIGIN_SECRET_ARN: secretArn("test/console/origin-verify"),
      CONSOLE_AUTH0_ISSUER: ISSUER,
      CONSOLE_AUTH0_CLIENT_ID: "console-client",
      CONSOLE_AUTH0_SECRET_ARN: secretArn("test/console/auth0"),
      USERS_API_URL: api("usr"),
      PAYMENTS_API_URL: api("pay"),
      SUBSCRIPTIONS_API_URL: api("sub"),
      PURCHASES_API_URL: api("pur"),
      CONSOLE_SUPPORT_ROLE_ARN: role("support"),
      CONSOLE_MX_ROLE_ARN: role("mx"),
      CONSOLE_ADMIN_ROLE_ARN: role("admin"),
      USERS_STREAM_NAME: `${stage}-user-service-users`,
      PAYMENTS_STREAM_NAME: `${stage}-payments`,
      SUBSCRIPTIONS_STREAM_NAME: `${stage}-subscriptions`,
      CONSOLE_DEAD_LETTER_QUEUES: JSON.stringify({
        arnPrefix: "arn:aws:sqs:us-east-2:111122223333:",
        urlPrefix: "https://sqs.us-east-2.amazonaws.com/111122223333/",
        queues: [
          {
            name: `${stage}-user-service-cleanup-dlq`,
            kind: "queue",
            source: `${stage}-user-service-cleanup`,
          },
        ],
      }),
    });
  });

  afterAll(async () => {
    vi.unstubAllGlobals();
    await secrets?.server.close();
  });

  it("reads both secrets at cold start", () => {
    expect([...secrets.read].sort()).toEqual([
      secretArn("test/console/auth0"),
      secretArn("test/console/origin-verify"),
    ]);
  });

  it("sends /console/login to the issuer, the callback on the public origin, the sign-in kept in the table", async () => {
    const res = await handler(
      functionUrlEvent("/console/login", {
        "x-forwarded-host": "console.roster.test",
        "x-roster-origin-verify": ORIGIN_SECRET,
      }),
      {} as Context,
    );
    expect(res.statusCode).toBe(303);
    const location = new URL(String(res.headers?.location));
    expect(`${location.origin}${location.pathname}`).toBe(`${ISSUER}authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: "console-client",
      redirect_uri: `${ORIGIN}/console/callback`,
      response_type: "code",
      code_challenge_method: "S256",
    });
    expect(res.cookies?.join("\n")).toMatch(/^__Host-roster-console-signin=/m);
    const store = new DynamoDbTableStore({
      client: dynamoDbDocumentClientFor(endpoint),
      stage,
      clock: systemClock,
    });
    const pending = await new ConsoleSessionStore(store, systemClock).takePendingSignIn(
      location.searchParams.get("state") ?? "",
    );
    expect(pending?.returnTo).toBe("/console");
  });

  it("refuses a request that did not come through CloudFront", async () => {
    const res = await handler(
      functionUrlEvent("/console/login", { "x-forwarded-host": "console.roster.test" }),
      {} as Context,
    );
    expect(res.statusCode).toBe(403);
  });

  it("has the console's static files beside the bundles, for the S3 bucket", async () => {
    const dist = dirname(dirname(await builtBundle("console-console")));
    for (const name of ["pico.min.css", "console.css", "htmx.min.js"])
      expect(existsSync(join(dist, "console", "assets", name)), name).toBe(true);
  });
});
