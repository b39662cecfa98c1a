import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent, Context } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { loadBundleHandler, UNREACHABLE, withLogs } from "../../support/worker-bundle.ts";

type Handler = (
  event: APIGatewayTokenAuthorizerEvent,
  context: Context,
) => Promise<APIGatewayAuthorizerResult>;

const METHOD_ARN = "arn:aws:execute-api:us-east-2:111122223333:abc123/test/POST/users/create";

/**
 * The bundle verifies against the tenant's JWKS at `AUTH0_ISSUER` + `.well-known/jwks.json` (https only),
 * so here the tenant is a closed loopback port: what a token is refused for before any key is needed,
 * and that an unreachable key set never lets a token through. Verification itself is in
 * test/unit/platform/token-authorizer.test.ts, with the local issuer's keys.
 */
describe("bundled users-auth0-authorizer Lambda handler", () => {
  let handler: Handler;
  const invoke = (authorizationToken: string) =>
    handler({ type: "TOKEN", authorizationToken, methodArn: METHOD_ARN }, {} as Context).then(
      (result) => ({ allowed: result }),
      (error: Error) => ({ refused: error.message }),
    );

  beforeAll(async () => {
    handler = await loadBundleHandler<Handler>("users-auth0-authorizer", {
      STAGE: "test",
      LOG_LEVEL: "INFO",
      AUTH0_ISSUER: `${UNREACHABLE}/`,
      AUTH0_AUDIENCE: "https://api.test",
    });
  });

  it("refuses a missing, non-bearer or malformed token with Unauthorized (401), logging why and no token", async () => {
    const { result, logs } = await withLogs(async () => [
      await invoke(""),
      await invoke("Basic dXNlcjpwYXNz"),
      await invoke("Bearer not.a-jwt"),
    ]);

    expect(result).toEqual(Array(3).fill({ refused: "Unauthorized" }));
    expect(logs.map((line) => line.message)).toEqual(Array(3).fill("token refused"));
    expect(JSON.stringify(logs)).not.toContain("dXNlcjpwYXNz");
  });

  it("never allows a well-formed token whose keys it cannot fetch; the failure is not the caller's (500, not 401)", async () => {
    const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-authorizer-bundle-")));
    const token = await issuer.issue({ kind: "user", id: "auth0|ada", mfa: true });

    const answer = await invoke(`Bearer ${token}`);

    expect(answer).toHaveProperty("refused");
    expect(answer).not.toEqual({ refused: "Unauthorized" });
  });
});
