import { statSync } from "node:fs";
import { type AddressInfo, createServer, type Server } from "node:net";
import { dirname, join } from "node:path";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DynamoDbTableStore } from "../../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { BUNDLED_REFERENCE_SCRIPT } from "../../../src/platform/http/api-reference.routes.ts";
import { MAX_BODY_BYTES } from "../../../src/platform/http/service-app.ts";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { userServiceTables } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { signUp } from "../../../src/users/domain/user.ts";
import { startFakeEventBridge } from "../../fakes/eventbridge.fake.ts";
import { ensureTestTables } from "../../suites/users/dynamodb-test-services.ts";
import { builtBundle } from "../../support/build-bundles.ts";
import { dynamoDbDocumentClientFor, JAVA_MISSING, uniqueTestStage } from "../../support/dynamodb-local.ts";
import { loadBundleHandler } from "../../support/worker-bundle.ts";

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const endpoint = inject("dynamodbEndpoint");
const SERVICE_ROLE = "arn:aws:sts::111122223333:assumed-role/test-subscription-service/session";

/** An API Gateway REST (v1) proxy event as the internal gateway sends it after IAM authorization. */
function restEvent(
  method: string,
  path: string,
  options: { query?: Record<string, string>; body?: unknown; arn?: string } = {},
): APIGatewayProxyEvent {
  const headers = { "content-type": "application/json", host: "api.test" };
  return {
    httpMethod: method,
    path,
    resource: "/{proxy+}",
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: options.query
      ? Object.fromEntries(Object.entries(options.query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: {
      accountId: "111122223333",
      apiId: "test",
      httpMethod: method,
      path: `/test${path}`,
      protocol: "HTTP/1.1",
      requestId: "req-1",
      requestTimeEpoch: 0,
      resourceId: "r",
      resourcePath: "/{proxy+}",
      stage: "test",
      authorizer: null,
      identity: { userArn: options.arn ?? null, caller: null, sourceIp: "203.0.113.9" } as never,
    },
  };
}

describe.skipIf(!endpoint)(`bundled users-api Lambda handler ${endpoint ? "" : JAVA_MISSING}`, () => {
  let handler: Handler;
  let bus: Awaited<ReturnType<typeof startFakeEventBridge>>;
  /** Growthbook's API host, down: a port that counts the connections made to it and closes each. */
  let growthbook: Server;
  let growthbookConnections = 0;
  const stage = uniqueTestStage();
  const invoke = async (event: APIGatewayProxyEvent) => {
    const result = await handler(event, {} as Context);
    return { ...result, json: JSON.parse(result.body) };
  };

  beforeAll(async () => {
    await ensureTestTables(endpoint, stage, userServiceTables);
    bus = await startFakeEventBridge();
    growthbook = createServer((socket) => {
      growthbookConnections += 1;
      socket.destroy();
    });
    await new Promise<void>((listening) => growthbook.listen(0, "127.0.0.1", listening));
    handler = await loadBundleHandler<Handler>("users-api", {
      AWS_ENDPOINT_URL_EVENTBRIDGE: bus.server.origin,
      STAGE: stage,
      LOG_LEVEL: "SILENT",
      DYNAMODB_ENDPOINT: endpoint,
      DATABASE_URL: inject("postgresUrl"),
      AUTH0_ISSUER: "https://roster-test.auth0.example/",
      AUTH0_AUDIENCE: "https://api.roster.test",
      // Required at cold start; never called by these tests.
      TRANSACTIONS_API_URL: "https://transactions.roster.test/prod",
      EXPERIAN_BASE_URL: "https://experian.roster.test",
      EXPERIAN_CLIENT_ID: "test",
      EXPERIAN_CLIENT_SECRET: "test",
      EXPERIAN_USERNAME: "test",
      EXPERIAN_PASSWORD: "test",
      EXPERIAN_SUBSCRIBER_CODE: "test",
      ROSTER_CURSOR_KEY: "test-cursor-secret-of-thirty-two-chars",
      SUBSCRIPTION_API_URL: "https://subscriptions.roster.test/prod",
      PAYMENT_API_URL: "https://payments.roster.test/prod",
      FLOAT_API_URL: "https://float.roster.test/prod",
      UNDERWRITING_API_URL: "https://underwriting.roster.test/prod",
      AUTH0_MANAGEMENT_DOMAIN: "roster-test.auth0.example",
      CLEANUP_QUEUE_URL: "https://sqs.us-east-2.amazonaws.com/111122223333/test-user-service-cleanup",
      AUTH0_MANAGEMENT_CLIENT_ID: "test",
      AUTH0_MANAGEMENT_CLIENT_SECRET: "test",
      // Growthbook's SDK connects on the first catalogue or flag read (a down API: connect still
      // resolves and catalogue reads answer 503); the reads below never make one.
      GROWTHBOOK_API_HOST: `https://127.0.0.1:${(growthbook.address() as AddressInfo).port}`,
      GROWTHBOOK_CLIENT_KEY: "sdk-test",
      GROWTHBOOK_TIMEOUT_MS: "300",
      IAM_PRINCIPALS: JSON.stringify({
        "arn:aws:sts::111122223333:assumed-role/test-subscription-service/": "service:subscriptions",
      }),
    });
    const store = new DynamoDbTableStore({
      client: dynamoDbDocumentClientFor(endpoint),
      stage,
      clock: systemClock,
    });
    const { user, startTag } = signUp(
      "auth0|grace",
      { user_email: "grace@example.com", user_phone: "5552017788" },
      new Date(),
    );
    await new UserStoreRepository(store).create(user, startTag, "USER_CREATED");
  });

  afterAll(async () => {
    await bus?.server.close();
    await new Promise((closed) => growthbook?.close(closed));
  });

  it("publishes a committed change's domain event to EventBridge (the client loaded by that first change)", async () => {
    const before = bus.accepted.length;
    const res = await invoke(
      restEvent("PUT", "/auth0%7Cgrace/tags/BUNDLE_CHECK", { body: { tag_value: "yes" }, arn: SERVICE_ROLE }),
    );
    expect(res.statusCode).toBe(200);
    const published = bus.accepted.slice(before);
    expect(published.map((entry) => entry.DetailType)).toEqual(["UserTagChanged"]);
    expect(JSON.parse(published[0]?.Detail ?? "{}")).toMatchObject({
      user_id: "auth0|grace",
      tag_name: "BUNDLE_CHECK",
      tag_value: "yes",
    });
  });

  it("starts and serves reads without a request to Growthbook (its SDK connects on the first catalogue read)", async () => {
    const res = await invoke(restEvent("GET", "/auth0%7Cgrace/user", { arn: SERVICE_ROLE }));
    expect(res.statusCode).toBe(200);
    const tags = await invoke(restEvent("GET", "/auth0%7Cgrace/tags", { arn: SERVICE_ROLE }));
    expect(tags.statusCode).toBe(200);
    expect(growthbookConnections).toBe(0);
  });

  it("reports DynamoDB and PostgreSQL healthy", async () => {
    const res = await invoke(restEvent("GET", "/health"));
    expect(res.statusCode).toBe(200);
    expect(res.json.stores).toEqual({
      "table-store:user-service-users": { status: "ok" },
      postgres: { status: "ok" },
    });
  });

  it("serves a user to an IAM caller mapped to a service, from DynamoDB", async () => {
    const res = await invoke(restEvent("GET", "/auth0%7Cgrace/user", { arn: SERVICE_ROLE }));
    expect(res.statusCode).toBe(200);
    expect(res.json).toMatchObject({ user_id: "auth0|grace", user_status: "PROCESSING" });
    const found = await invoke(
      restEvent("GET", "/users", { query: { phone: "(555) 201-7788" }, arn: SERVICE_ROLE }),
    );
    expect(found.json.items.map((u: { user_id: string }) => u.user_id)).toEqual(["auth0|grace"]);
  });

  it("serves /docs with Scalar's script from the copy the build put beside the bundle (no node_modules on Lambda)", async () => {
    const beside = join(dirname(await builtBundle("users-api")), BUNDLED_REFERENCE_SCRIPT);
    const page = await handler(restEvent("GET", "/docs"), {} as Context);
    const script = await handler(restEvent("GET", "/docs/scalar.js"), {} as Context);

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script src="/docs/scalar.js">');
    expect(script.statusCode).toBe(200);
    expect(script.isBase64Encoded).toBe(false);
    expect(Buffer.byteLength(script.body)).toBe(statSync(beside).size);
  });

  it("answers problems: 401 without credentials, 401 for an unmapped role, 403 for a service signing up, 404", async () => {
    expect((await invoke(restEvent("GET", "/auth0%7Cgrace/user"))).statusCode).toBe(401);
    const unmapped = await invoke(
      restEvent("GET", "/auth0%7Cgrace/user", { arn: "arn:aws:iam::9:role/other" }),
    );
    expect(unmapped.statusCode).toBe(401);
    const signup = await invoke(
      restEvent("POST", "/users/create", { arn: SERVICE_ROLE, body: { user_email: "a@b.io" } }),
    );
    expect(signup.statusCode).toBe(403);
    const missing = await invoke(restEvent("GET", "/auth0%7Cnobody/user", { arn: SERVICE_ROLE }));
    expect(missing.statusCode).toBe(404);
    const contentType = missing.headers?.["content-type"] ?? missing.multiValueHeaders?.["content-type"]?.[0];
    expect(contentType).toBe("application/problem+json");
  });

  it("keeps the order at the edge on Lambda: 413 for an oversized body, then 401, then 403, then 400", async () => {
    const oversized = { user_city: "x".repeat(MAX_BODY_BYTES) };
    for (const arn of [undefined, SERVICE_ROLE]) {
      const res = await invoke(
        restEvent("PATCH", "/auth0%7Cgrace/user", { body: oversized, ...(arn ? { arn } : {}) }),
      );
      expect(res.statusCode).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ status: 413, title: "Content too large" });
    }
    const malformed = { user_city: 42, unknown: true };
    const anonymous = await invoke(restEvent("PATCH", "/auth0%7Cgrace/user", { body: malformed }));
    expect([anonymous.statusCode, JSON.parse(anonymous.body).errors]).toEqual([401, undefined]);
    const signUpAsService = await invoke(
      restEvent("POST", "/users/create", { arn: SERVICE_ROLE, body: malformed }),
    );
    expect([signUpAsService.statusCode, JSON.parse(signUpAsService.body).errors]).toEqual([403, undefined]);
    const invalid = await invoke(
      restEvent("PATCH", "/auth0%7Cgrace/user", { arn: SERVICE_ROLE, body: malformed }),
    );
    expect(invalid.statusCode).toBe(400);
  });
});
