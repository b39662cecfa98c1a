import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import { SigV4Signer } from "../../../platform/adapters/aws/sigv4-signer.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { highestRole, type Operator, type OperatorRole } from "../../domain/operator.ts";
import type { OperatorTransport } from "../http/roster-api.client.ts";
import { apiOfUrl, type ServiceApis, serviceOf } from "./service-api.routing.ts";

export interface AssumedRoleTransportOptions {
  readonly sts: Pick<STSClient, "send">;
  /** The IAM role each console role calls the services as (support: reads only; mx, admin: their actions). */
  readonly roleArns: Readonly<Record<OperatorRole, string>>;
  readonly apis: ServiceApis;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** How long an assumed role's credentials last (STS: 900 s to the role's maximum, 1 h by default). */
  readonly sessionSeconds?: number;
  readonly send?: (request: Request) => Promise<Response>;
  /** Where a refused AssumeRole is told (the page only says the service could not be reached). */
  readonly logger: Pick<Logger, "warn">;
}

/** Credentials are replaced this long before STS's expiry, so none expires between signing and arrival. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** STS's rule for RoleSessionName: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html */
export function roleSessionName(operatorId: string): string {
  return operatorId
    .replace(/[^\w+=,.@-]/g, "-")
    .slice(0, 64)
    .padEnd(2, "-");
}

/** An assumed role's temporary credentials, as SigV4Signer takes them. */
interface AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

interface Held {
  readonly credentials: Promise<AwsCredentialIdentity>;
  readonly renewAt: number;
}

/**
 * The console on AWS calls the services' IAM-authorized APIs as the operator: it assumes the role of
 * the operator's highest console role with RoleSessionName = the operator's id (so CloudTrail and the
 * services, whose IAM_PRINCIPALS map the role to `operator:*`, name the person), keeps those credentials
 * per operator until shortly before they expire, and signs each call with SigV4. IAM, not only the
 * console, then decides what a role may call: the support role may only read.
 */
export class AssumedRoleTransport implements OperatorTransport {
  readonly timeoutMs: number;
  readonly send: (request: Request) => Promise<Response>;
  readonly #options: AssumedRoleTransportOptions;
  readonly #held = new Map<string, Held>();

  constructor(options: AssumedRoleTransportOptions) {
    this.#options = options;
    this.timeoutMs = options.timeoutMs;
    this.send = options.send ?? ((request) => fetch(request));
  }

  baseUrl(path: string): string {
    return this.#options.apis[serviceOf(path)].url;
  }

  async sign(operator: Operator, request: Request): Promise<Request> {
    const url = new URL(request.url);
    const api = apiOfUrl(this.#options.apis, url);
    if (!api) throw new Error(`no service API of the console's configuration serves ${url.origin}`);
    const body = request.body === null ? undefined : await request.clone().text();
    const signer = new SigV4Signer({
      region: api.region,
      credentials: await this.#credentials(operator),
      clock: this.#options.clock,
    });
    const headers = await signer.sign({
      method: request.method,
      url,
      headers: Object.fromEntries(request.headers),
      ...(body === undefined ? {} : { body }),
    });
    return new Request(url, {
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: request.signal,
    });
  }

  #credentials(operator: Operator): Promise<AwsCredentialIdentity> {
    const role = highestRole(operator);
    if (!role) return Promise.reject(new Error("the operator holds no console role"));
    const roleArn = this.#options.roleArns[role];
    const sessionName = roleSessionName(operator.id);
    const key = `${roleArn} ${sessionName}`;
    const now = this.#options.clock.now().getTime();
    const held = this.#held.get(key);
    if (held && held.renewAt > now) return held.credentials;
    for (const [other, entry] of this.#held) if (entry.renewAt <= now) this.#held.delete(other);
    const seconds = this.#options.sessionSeconds ?? 3600;
    const credentials = this.#assume(roleArn, sessionName, seconds);
    this.#held.set(key, { credentials, renewAt: now + seconds * 1000 - RENEW_BEFORE_MS });
    credentials.then(
      (got) => {
        const expiry = got.expiration?.getTime();
        if (expiry !== undefined)
          this.#held.set(key, {
            credentials,
            renewAt: Math.min(expiry - RENEW_BEFORE_MS, now + seconds * 1000),
          });
      },
      (error: unknown) => {
        if (this.#held.get(key)?.credentials === credentials) this.#held.delete(key);
        // The role and the error's name and words; never the operator's credentials.
        this.#options.logger.warn("sts:AssumeRole failed", { roleArn, error });
      },
    );
    return credentials;
  }

  async #assume(roleArn: string, sessionName: string, seconds: number): Promise<AwsCredentialIdentity> {
    const answer = await this.#options.sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: seconds }),
    );
    const got = answer.Credentials;
    if (!got?.AccessKeyId || !got.SecretAccessKey || !got.SessionToken)
      throw new Error(`STS answered AssumeRole of ${roleArn} without credentials`);
    return {
      accessKeyId: got.AccessKeyId,
      secretAccessKey: got.SecretAccessKey,
      sessionToken: got.SessionToken,
      ...(got.Expiration ? { expiration: got.Expiration } : {}),
    };
  }
}
