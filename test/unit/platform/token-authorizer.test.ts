import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  LocalIssuer,
} from "../../../src/platform/adapters/embedded/local-issuer.ts";
import type { JwtVerification } from "../../../src/platform/identity/jwt-principal.resolver.ts";
import { authorizeToken } from "../../../src/platform/identity/token-authorizer.ts";
import { VerifiedTokenCache } from "../../../src/platform/identity/verified-token.cache.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";

const METHOD_ARN = "arn:aws:execute-api:us-east-2:111122223333:abc123/prod/POST/users/create";
const openIssuer = () => LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-authorizer-")));

describe("the Auth0 TOKEN authorizer", () => {
  let issuer: LocalIssuer;
  let clock: ManualClock;
  let verification: JwtVerification;
  let logged: unknown[][];
  const logger = { info: (...args: unknown[]) => void logged.push(args) };
  const authorize = (authorizationToken: string) =>
    authorizeToken({ authorizationToken, methodArn: METHOD_ARN }, verification, logger);
  const refusal = (authorizationToken: string) =>
    authorize(authorizationToken).then(
      () => "allowed",
      (error: Error) => error.message,
    );

  beforeAll(async () => {
    issuer = await openIssuer();
  });
  beforeEach(() => {
    clock = new ManualClock("2026-11-22T09:30:00Z");
    verification = {
      keys: issuer.keys(),
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      clock,
      cache: new VerifiedTokenCache(),
    };
    logged = [];
  });

  it("allows a user's verified token to invoke the method, naming the subject and nothing personal", async () => {
    const token = await issuer.issue({ kind: "user", id: "auth0|ada", mfa: true }, clock.now());

    const result = await authorize(`Bearer ${token}`);

    expect(result).toEqual({
      principalId: "auth0|ada",
      policyDocument: {
        Version: "2012-10-17",
        Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: METHOD_ARN }],
      },
      context: { principalKind: "user", mfa: true },
    });
  });

  it("answers Unauthorized (API Gateway's 401) for a missing, malformed, expired or foreign token", async () => {
    const token = await issuer.issue({ kind: "user", id: "auth0|ada", ttlSeconds: 60 }, clock.now());
    const foreign = await (await openIssuer()).issue({ kind: "user", id: "auth0|ada" }, clock.now());

    const refusals = [
      await refusal(""),
      await refusal(token),
      await refusal(`Basic ${token}`),
      await refusal("Bearer not-a-jwt"),
      await refusal(`Bearer ${foreign}`),
    ];
    clock.advance(61_000);
    refusals.push(await refusal(`Bearer ${token}`));

    expect(refusals).toEqual(Array(6).fill("Unauthorized"));
    expect(logged.map(([message]) => message)).toEqual(Array(6).fill("token refused"));
    expect(logged.at(-1)).toEqual(["token refused", { reason: "the token has expired" }]);
    expect(JSON.stringify(logged)).not.toContain(token.split(".")[1]);
  });

  it("refuses a token for another audience", async () => {
    verification = { ...verification, audience: "https://api.example" };
    const token = await issuer.issue({ kind: "user", id: "auth0|ada" }, clock.now());

    expect(await refusal(`Bearer ${token}`)).toBe("Unauthorized");
  });

  it("denies a service's or an operator's token: the legacy gateway is for users", async () => {
    const token = await issuer.issue({ kind: "service", id: "subscriptions" }, clock.now());

    const result = await authorize(`Bearer ${token}`);

    expect(result.principalId).toBe("subscriptions");
    expect(result.policyDocument.Statement).toEqual([
      { Action: "execute-api:Invoke", Effect: "Deny", Resource: METHOD_ARN },
    ]);
  });

  it("lets a failure that is not the caller's (the key set unreachable) through, not as Unauthorized", async () => {
    const token = await issuer.issue({ kind: "user", id: "auth0|ada" }, clock.now());
    verification = {
      ...verification,
      keys: async () => {
        throw new TypeError("fetch failed");
      },
    };

    expect(await refusal(`Bearer ${token}`)).toBe("fetch failed");
  });
});
