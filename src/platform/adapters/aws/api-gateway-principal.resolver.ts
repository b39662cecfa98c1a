import type { APIGatewayProxyEvent } from "aws-lambda";
import { SESSION_OPERATOR } from "../../config/iam-principals.config.ts";
import { UnauthorizedError } from "../../errors/app.errors.ts";
import { type JwtVerification, verifyBearer } from "../../identity/jwt-principal.resolver.ts";
import type { Principal, PrincipalResolver } from "../../identity/principal.ts";

export interface ApiGatewayPrincipalOptions {
  /** Auth0: users' tokens on the legacy gateway; absent where only IAM callers are admitted. */
  readonly auth0?: JwtVerification;
  /** IAM caller ARN prefix -> "service:<name>" | "operator:<name>" | "operator:*" (internal gateway). */
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
    if (match[1] === SESSION_OPERATOR) return { kind: "operator", id: sessionOperator(arn), mfa: false };
    const [kind, id] = match[1].split(":") as ["service" | "operator", string];
    return { kind, id, mfa: false };
  }
}

/** STS's rule for a RoleSessionName (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * `operator:*`: the operator is the session of an assumed role,
 * `arn:<partition>:sts::<account>:assumed-role/<role>/<session>`. Anything else under that prefix (a
 * user, a role's own ARN, a session name STS would not issue) is refused rather than guessed at.
 */
function sessionOperator(arn: string): string {
  const [, resource = ""] = /^arn:aws[\w-]*:sts::\d{12}:(.*)$/.exec(arn) ?? [];
  const [type, role, session, ...rest] = resource.split("/");
  if (
    type !== "assumed-role" ||
    !role ||
    session === undefined ||
    rest.length > 0 ||
    !SESSION_NAME.test(session)
  )
    throw new UnauthorizedError("the IAM caller is not an assumed role's session naming an operator");
  return session;
}

function callerArn(platformContext: unknown): string | undefined {
  const event = (platformContext as { event?: Partial<APIGatewayProxyEvent> } | undefined)?.event;
  const arn = event?.requestContext?.identity?.userArn;
  return typeof arn === "string" && arn.length > 0 ? arn : undefined;
}
