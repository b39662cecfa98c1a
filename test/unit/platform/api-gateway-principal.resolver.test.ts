import { describe, expect, it } from "vitest";
import { ApiGatewayPrincipalResolver } from "../../../src/platform/adapters/aws/api-gateway-principal.resolver.ts";
import { iamPrincipalsSchema } from "../../../src/platform/config/iam-principals.config.ts";
import { UnauthorizedError } from "../../../src/platform/errors/app.errors.ts";

const ACCOUNT = "111122223333";
const MX_ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/dev-console-mx/`;
const resolver = new ApiGatewayPrincipalResolver({
  iamPrincipals: iamPrincipalsSchema.parse(
    JSON.stringify({
      [MX_ROLE]: "operator:*",
      [`arn:aws:sts::${ACCOUNT}:assumed-role/dev-user-service-api/`]: "service:user-service",
    }),
  ),
});
/** What hono/aws-lambda hands the app: the REST event, whose identity the IAM authorizer filled. */
const asCaller = (userArn: string) =>
  resolver.resolve(new Request("https://api.test/x"), {
    event: { requestContext: { identity: { userArn } } },
  });

describe("IAM callers mapped to principals", () => {
  it("names the operator by the session of an assumed role mapped to operator:*", async () => {
    await expect(asCaller(`${MX_ROLE}auth0-ada.lovelace`)).resolves.toEqual({
      kind: "operator",
      id: "auth0-ada.lovelace",
      mfa: false,
    });
  });

  it("keeps a service mapping as it was", async () => {
    await expect(
      asCaller(`arn:aws:sts::${ACCOUNT}:assumed-role/dev-user-service-api/1700000000000`),
    ).resolves.toEqual({ kind: "service", id: "user-service", mfa: false });
  });

  it("refuses an unmapped caller", async () => {
    await expect(asCaller(`arn:aws:sts::${ACCOUNT}:assumed-role/someone-else/ada`)).rejects.toThrow(
      UnauthorizedError,
    );
  });

  it("refuses a session name STS would not issue, or none", async () => {
    for (const arn of [`${MX_ROLE}a`, `${MX_ROLE}ada|lovelace`, `${MX_ROLE}ada/extra`, `${MX_ROLE}`]) {
      await expect(asCaller(arn), arn).rejects.toThrow(/assumed role's session naming an operator/);
    }
  });

  it("accepts operator:* in IAM_PRINCIPALS but no other wildcard", () => {
    expect(() => iamPrincipalsSchema.parse(JSON.stringify({ [MX_ROLE]: "service:*" }))).toThrow();
    expect(iamPrincipalsSchema.parse(JSON.stringify({ [MX_ROLE]: "operator:*" }))).toEqual({
      [MX_ROLE]: "operator:*",
    });
  });
});
