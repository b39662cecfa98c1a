import { type AwsCredentials, SigV4Signer } from "../../../platform/adapters/aws/sigv4-signer.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";

/** Makes a request the User Service's API accepts: the same request with its credentials added. */
export type Authorize = (request: Request) => Promise<Request>;

export interface SigV4AuthorizerOptions {
  /** `USER_SERVICE_API_REGION` (default `AWS_REGION`): where the internal API Gateway is deployed. */
  readonly region: string;
  /** The Lambda role's credentials (`defaultProvider()` of `@aws-sdk/credential-provider-node`). */
  readonly credentials: AwsCredentials;
  readonly clock: Clock;
}

/**
 * AWS: signs the request with SigV4 (service `execute-api`) for the internal API Gateway's IAM
 * authorization; the app then maps the role's ARN to a service principal (`IAM_PRINCIPALS`).
 */
export function sigV4Authorizer(options: SigV4AuthorizerOptions): Authorize {
  const signer = new SigV4Signer({ ...options, service: "execute-api" });
  return async (request) => {
    const body = request.body === null ? undefined : await request.clone().text();
    const headers = await signer.sign({
      method: request.method,
      url: new URL(request.url),
      headers: Object.fromEntries(request.headers),
      ...(body === undefined ? {} : { body }),
    });
    return new Request(request.url, {
      method: request.method,
      headers,
      signal: request.signal,
      redirect: request.redirect,
      ...(body === undefined ? {} : { body }),
    });
  };
}

/**
 * Local: adds `authorization: Bearer <token>`, the token a service principal's from the local issuer.
 * `token` is asked on every request, so it can hand out a fresh one before the last expires.
 */
export function bearerAuthorizer(token: () => string | Promise<string>): Authorize {
  return async (request) => {
    const headers = new Headers(request.headers);
    headers.set("authorization", `Bearer ${await token()}`);
    return new Request(request, { headers });
  };
}
