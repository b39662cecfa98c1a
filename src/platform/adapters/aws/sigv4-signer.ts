import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4, type SignatureV4Init } from "@smithy/signature-v4";
import type { Clock } from "../../time/clock.port.ts";

/** Static credentials or a provider such as `defaultProvider()` of `@aws-sdk/credential-provider-node`. */
export type AwsCredentials = SignatureV4Init["credentials"];

export interface SigV4SignerOptions {
  readonly region: string;
  readonly credentials: AwsCredentials;
  readonly clock: Clock;
  /** The signing name: `execute-api` for an API Gateway API with IAM authorization. */
  readonly service?: string;
}

export interface RequestToSign {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * Signs HTTP requests with AWS Signature Version 4, for a `fetch` to an IAM-authorized API.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
 */
export class SigV4Signer {
  readonly #signer: SignatureV4;
  readonly #clock: Clock;

  constructor(options: SigV4SignerOptions) {
    this.#signer = new SignatureV4({
      service: options.service ?? "execute-api",
      region: options.region,
      credentials: options.credentials,
      sha256: Sha256,
    });
    this.#clock = options.clock;
  }

  /**
   * The headers to send: the given ones plus `authorization`, `x-amz-date`, `x-amz-content-sha256` and,
   * with temporary credentials, `x-amz-security-token`. `host` is signed but left out: fetch sets it
   * from the URL, to the same value.
   */
  async sign(request: RequestToSign): Promise<Record<string, string>> {
    const query: Record<string, string> = {};
    for (const [name, value] of request.url.searchParams) query[name] = value;
    const signed = await this.#signer.sign(
      {
        method: request.method,
        protocol: request.url.protocol,
        hostname: request.url.hostname,
        ...(request.url.port ? { port: Number(request.url.port) } : {}),
        // The path as it goes on the wire (each segment encoded once); the signer encodes it again,
        // as API Gateway's canonical request does.
        path: request.url.pathname,
        query,
        headers: { ...request.headers, host: request.url.host },
        ...(request.body === undefined ? {} : { body: request.body }),
      },
      { signingDate: this.#clock.now() },
    );
    const { host: _host, ...headers } = signed.headers;
    return headers;
  }
}
