import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AwsCredentials } from "../../../src/platform/adapters/aws/sigv4-signer.ts";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { CursorCodec } from "../../../src/platform/store/cursor-codec.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { TransactionsServiceHttpClient } from "../../../src/users/adapters/http/transactions-service.http.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import {
  FAKE_AWS_CREDENTIALS,
  FAKE_REGION,
  signedByKnownCaller,
  startFakeTransactionsService,
} from "../../fakes/transactions-service.fake.ts";
import { recordingLogger } from "../../support/recording-logger.ts";
import { transactionsServiceContract } from "./transactions-service.contract.ts";

type Fake = Awaited<ReturnType<typeof startFakeTransactionsService>>;

const clientFor = (
  fake: Fake,
  options: {
    credentials?: AwsCredentials;
    timeoutMs?: number;
    logger?: ReturnType<typeof recordingLogger>;
  } = {},
) =>
  new TransactionsServiceHttpClient({
    baseUrl: fake.url,
    region: FAKE_REGION,
    credentials: options.credentials ?? FAKE_AWS_CREDENTIALS,
    timeoutMs: options.timeoutMs ?? 5_000,
    clock: new ManualClock(TEST_NOW),
    logger: (options.logger ?? recordingLogger()).logger,
    cursors: CursorCodec.ephemeral(new ManualClock(TEST_NOW)),
  });

transactionsServiceContract("the SigV4 HTTP client against a loopback Transactions Service", async () => {
  const fake = await startFakeTransactionsService();
  return {
    service: clientFor(fake),
    advance: (ms) => fake.clock.advance(ms),
    close: () => fake.server.close(),
  };
});

describe("the Transactions Service HTTP client", () => {
  let fake: Fake;
  const request = { provider: "persona", redirect_uri: "https://app.example/kyc/done" } as const;

  beforeEach(async () => {
    fake = await startFakeTransactionsService();
  });
  afterEach(async () => {
    await fake.server.close();
  });

  it("sends SigV4-signed JSON to the paths of its contract, under the stage of the base URL", async () => {
    const client = clientFor(fake);
    await client.startKycSession("auth0|ada", request);
    await client.listKycSessions("auth0|ada", { limit: 7 });
    await client.listPlaidItems("auth0|ada");
    await client.removePlaidItems("auth0|ada");
    expect(fake.server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /test/users/auth0%7Cada/kyc-sessions",
      "GET /test/users/auth0%7Cada/kyc-sessions?limit=7",
      "GET /test/users/auth0%7Cada/plaid-items",
      "DELETE /test/users/auth0%7Cada/plaid-items",
    ]);
    const [post] = fake.server.received;
    expect(JSON.parse(post?.body ?? "")).toEqual(request);
    expect(post?.headers).toMatchObject({
      "content-type": "application/json",
      accept: "application/json",
      "x-amz-date": "20261122T093000Z",
      authorization: expect.stringMatching(
        /^AWS4-HMAC-SHA256 Credential=AKIDROSTERTEST00001\/20261122\/us-east-2\/execute-api\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=/,
      ),
    });
    for (const received of fake.server.received) expect(await signedByKnownCaller(received)).toBe(true);
  });

  it("signs with temporary credentials, sending their session token", async () => {
    const client = clientFor(fake, {
      credentials: async () => ({ ...FAKE_AWS_CREDENTIALS, sessionToken: "role-session-token" }),
    });
    expect(await client.listPlaidItems("auth0|ada")).toHaveLength(1);
    expect(fake.server.received[0]?.headers["x-amz-security-token"]).toBe("role-session-token");
  });

  it("is refused by the IAM authorizer with a wrong secret: a DependencyError (502)", async () => {
    const client = clientFor(fake, { credentials: { ...FAKE_AWS_CREDENTIALS, secretAccessKey: "wrong" } });
    await expect(client.listPlaidItems("auth0|ada")).rejects.toThrow(DependencyError);
  });

  it("gives up on a service that never answers with an UnavailableError (503)", async () => {
    fake.server.neverAnswer();
    const log = recordingLogger();
    const client = clientFor(fake, { timeoutMs: 200, logger: log });
    const call = client.startKycSession("auth0|ada", request);
    await expect(call).rejects.toThrow(UnavailableError);
    await expect(call).rejects.toThrow("did not answer within 200 ms");
    expect(log.text()).toContain("timed out");
  });

  it("answers UnavailableError when nothing listens at the URL", async () => {
    await fake.server.close();
    await expect(clientFor(fake).listPlaidItems("auth0|ada")).rejects.toThrow(UnavailableError);
  });

  it("maps 5xx to DependencyError and 429/503/504 to UnavailableError, repeating none of the body", async () => {
    const log = recordingLogger();
    const client = clientFor(fake, { logger: log });
    const secret = "internal stack trace: db host 10.1.2.3";
    for (const [status, error] of [
      [500, DependencyError],
      [502, DependencyError],
      [404, DependencyError],
      [429, UnavailableError],
      [503, UnavailableError],
      [504, UnavailableError],
    ] as const) {
      fake.server.answerEveryRequestWith({ status, body: { message: secret } });
      const call = client.listKycSessions("auth0|ada", { limit: 5 });
      await expect(call).rejects.toThrow(error);
      await expect(call).rejects.not.toThrow(/10\.1\.2\.3/);
    }
    expect(log.text()).not.toContain(secret);
    expect(log.entries[0]).toEqual([
      "the Transactions Service answered an unexpected status",
      { operation: "listKycSessions", status: 500 },
    ]);
  });

  it("refuses an answer outside its contract with a DependencyError", async () => {
    const client = clientFor(fake);
    fake.server.answerEveryRequestWith({ status: 200, body: { items: [{ item_id: 42 }] } });
    await expect(client.listPlaidItems("auth0|ada")).rejects.toThrow(DependencyError);
    fake.server.answerEveryRequestWith({ status: 201, body: "<html>gateway</html>" });
    await expect(client.startKycSession("auth0|ada", request)).rejects.toThrow(DependencyError);
  });
});
