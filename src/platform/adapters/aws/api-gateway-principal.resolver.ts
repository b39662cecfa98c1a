import type { APIGatewayProxyEvent } from "aws-lambda";
import { UnauthorizedError } from "../../errors/app.errors.ts";
import { type JwtVerification, verifyBearer } from "../../identity/jwt-principal.resolver.ts";
import type { Principal, PrincipalResolver } from "../../identity/principal.ts";

export interface ApiGatewayPrincipalOptions {
  /** Auth0: users' tokens on the legacy gateway; absent where only IAM callers are admitted. */
  readonly auth0?: JwtVerification;
  /** IAM caller ARN prefix -> "service:<name>" | "operator:<name>" (internal gateway). */
  readonly iamPrincipals: Readonly<Record<string, string>>;
}

/**
 * On AWS: the internal gateway has already checked the caller's IAM signature, so its ARN is mapped to
 * a role; the legacy gateway forwards the Auth0 token, which is verified here again (defence in depth).
 * Without `auth0` (the Payment Service, whose gateway has no user-facing route) a bearer token is 401.
 */
export class ApiGatewayPrincipalResolver implements PrincipalResolver {
  readonly #options: ApiGatewayPrincipalOptions;
  constructor(options: ApiGatewayPrincipalOptions) {
    this.#options = options;
  }

  async resolve(request: Request, platformContext: unknown): Promise<Principal | undefined> {
    const header = request.headers.get("authorization");
    const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (bearer) {
      const { auth0 } = this.#options;
      if (!auth0) throw new UnauthorizedError("this API admits IAM callers only, not bearer tokens");
      return verifyBearer(bearer, auth0);
    }
    const arn = callerArn(platformContext);
    if (!arn) return undefined;
    const match = Object.entries(this.#options.iamPrincipals)
      .filter(([prefix]) => arn.startsWith(prefix))
      .sort(([a], [b]) => b.length - a.length)[0];
    if (!match) throw new UnauthorizedError("the IAM caller is not mapped to a Roster principal");
    const [kind, id] = match[1].split(":") as ["service" | "operator", string];
    return { kind, id, mfa: false };
  }
}

function callerArn(platformContext: unknown): string | undefined {
  const event = (platformContext as { event?: Partial<APIGatewayProxyEvent> } | undefined)?.event;
  const arn = event?.requestContext?.identity?.userArn;
  return typeof arn === "string" && arn.length > 0 ? arn : undefined;
}
