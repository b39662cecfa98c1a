import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { z } from "zod";
import { openSqlite } from "../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { DependencyError, UnavailableError } from "../../src/platform/errors/app.errors.ts";
import { InvalidCursorError } from "../../src/platform/store/store.errors.ts";
import { ManualClock } from "../../src/platform/time/clock.port.ts";
import { sequentialIds } from "../../src/platform/time/id-generator.port.ts";
import { SandboxTransactionsService } from "../../src/users/adapters/sandbox/transactions-service.sandbox.ts";
import { KYC_PROVIDERS } from "../../src/users/ports/transactions-service.port.ts";
import { TEST_NOW } from "../../src/users/wiring/test-services.ts";
import { type Answer, LoopbackServer, type Received } from "../support/loopback-server.ts";

/** The credentials the fake accepts: any other key or secret fails the signature check. */
export const FAKE_AWS_CREDENTIALS = {
  accessKeyId: "AKIDROSTERTEST00001",
  secretAccessKey: "roster-test-secret-key",
} as const;
export const FAKE_REGION = "us-east-2";
/** The API Gateway stage the fake serves under, as an invoke URL has it. */
export const FAKE_STAGE = "/test";

const StartBody = z.strictObject({ provider: z.enum(KYC_PROVIDERS), redirect_uri: z.string().min(1) });

/**
 * The Transactions Service's side of the wire for tests of the production client: it checks the
 * SigV4 signature the way API Gateway's IAM authorizer does (403 otherwise), then serves the contract of
 * transactions-service.http.ts from the sandbox, so both adapters must behave the same.
 */
export async function startFakeTransactionsService() {
  const clock = new ManualClock(TEST_NOW);
  const sandbox = new SandboxTransactionsService({
    store: new SqliteTableStore(openSqlite(":memory:"), "fake", clock),
    clock,
    ids: sequentialIds("kyc"),
  });
  const server = await LoopbackServer.start(async (request) => {
    if (!(await signedByKnownCaller(request))) {
      return { status: 403, body: { message: "The request signature we calculated does not match" } };
    }
    return serve(sandbox, request);
  });
  return { server, clock, url: `${server.origin}${FAKE_STAGE}` };
}

async function serve(sandbox: SandboxTransactionsService, request: Received): Promise<Answer> {
  const url = new URL(request.url, "http://fake");
  const match = /^\/test\/users\/([^/]+)\/(plaid-items|kyc-sessions)$/.exec(url.pathname);
  if (!match) return { status: 404, body: { message: "Not Found" } };
  const userId = decodeURIComponent(match[1] as string);
  const route = `${request.method} ${match[2]}`;
  try {
    if (route === "GET plaid-items")
      return { status: 200, body: { items: await sandbox.listPlaidItems(userId) } };
    if (route === "DELETE plaid-items") return { status: 200, body: await sandbox.removePlaidItems(userId) };
    if (route === "POST kyc-sessions") {
      const input = StartBody.safeParse(JSON.parse(request.body || "null"));
      if (!input.success) return { status: 400, body: { code: "INVALID_REQUEST" } };
      return { status: 201, body: await sandbox.startKycSession(userId, input.data) };
    }
    if (route === "GET kyc-sessions") {
      const limit = Number(url.searchParams.get("limit") ?? "25");
      const cursor = url.searchParams.get("cursor") ?? undefined;
      return {
        status: 200,
        body: await sandbox.listKycSessions(userId, { limit, ...(cursor ? { cursor } : {}) }),
      };
    }
    return { status: 405, body: { message: "Method Not Allowed" } };
  } catch (error) {
    if (error instanceof InvalidCursorError) return { status: 400, body: { code: "INVALID_CURSOR" } };
    if (error instanceof UnavailableError) return { status: 503, body: { message: "Service Unavailable" } };
    if (error instanceof DependencyError) return { status: 500, body: { message: `boom for ${userId}` } };
    throw error;
  }
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/** Recomputes the signature from what arrived, with the known secret, and compares. */
export async function signedByKnownCaller(request: Received): Promise<boolean> {
  const header = single(request.headers, "authorization");
  const amzDate = single(request.headers, "x-amz-date");
  const match = header && AUTHORIZATION.exec(header);
  if (!match || !amzDate) return false;
  const [, keyId, , region, service, signedHeaderList] = match as unknown as string[];
  const signedHeaders = (signedHeaderList as string).split(";");
  const bodyHash = createHash("sha256").update(request.body).digest("hex");
  if (
    keyId !== FAKE_AWS_CREDENTIALS.accessKeyId ||
    region !== FAKE_REGION ||
    service !== "execute-api" ||
    !signedHeaders.includes("host") ||
    !signedHeaders.includes("x-amz-date") ||
    single(request.headers, "x-amz-content-sha256") !== bodyHash
  ) {
    return false;
  }
  const sessionToken = single(request.headers, "x-amz-security-token");
  const signer = new SignatureV4({
    service: "execute-api",
    region: FAKE_REGION,
    credentials: { ...FAKE_AWS_CREDENTIALS, ...(sessionToken ? { sessionToken } : {}) },
    sha256: Sha256,
  });
  const url = new URL(request.url, `http://${single(request.headers, "host")}`);
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = single(request.headers, name) ?? "";
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: url.hostname,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      ...(request.body ? { body: request.body } : {}),
    },
    { signingDate: fromAmzDate(amzDate) },
  );
  return resigned.headers.authorization === header;
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function fromAmzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : new Date(Number.NaN);
}
