/**
 * The internal REST APIs of one stage by name (`payments`), as the streams registry does for streams:
 * the service that serves an API registers its invoke URL and how to name its routes for
 * `execute-api:Invoke` (its own stack's API, or the stage's import of one built elsewhere); a caller asks
 * for them without knowing which stack holds the API, and declares the IAM role it calls with, so the
 * API can map that role to a principal (`IAM_PRINCIPALS`) without a reference back to the caller.
 *
 * Everything resolves at synth (Lazy), so the list of services needs no order. A URL or ARN of an API
 * built in the stage is a cross-stack reference: the caller's stack deploys after the API's.
 */
import { Lazy } from "aws-cdk-lib";

export interface RegisteredApi {
  /** The invoke URL with its stage, ending in `/`. */
  readonly url: string;
  /** The region a caller signs its requests for (SigV4's scope). */
  readonly region: string;
  /** What `execute-api:Invoke` on one route is granted on, e.g. of (POST, the refunds of any charge). */
  readonly executeApiArn: (method: string, path: string) => string;
  /**
   * The same ARN as cdk-nag reads it in a caller's template (an imported export by its name), so a
   * caller can acknowledge the path wildcards of exactly its own grants.
   */
  readonly executeApiArnAsNagReads: (method: string, path: string) => string;
  /** False for an API imported from elsewhere: its callers are mapped there, not here. */
  readonly mapsCallers: boolean;
}

/** An API a stage imports (`apis.<name>`): granted under its stage's ARN, its callers mapped where it lives. */
export function importedRegisteredApi(api: {
  readonly url: string;
  readonly executeApiArn: string;
}): RegisteredApi {
  return {
    url: api.url.endsWith("/") ? api.url : `${api.url}/`,
    region: api.executeApiArn.split(":")[3]!,
    executeApiArn: (method, path) => `${api.executeApiArn}/${method}${path}`,
    executeApiArnAsNagReads: (method, path) => `${api.executeApiArn}/${method}${path}`,
    mapsCallers: false,
  };
}

export class ApiRegistry {
  readonly #apis = new Map<string, RegisteredApi>();
  readonly #consumers = new Map<string, Set<string>>();
  readonly #callers = new Map<string, Map<string, string>>();
  readonly #waiting = new Map<string, ((api: RegisteredApi) => void)[]>();

  register(name: string, api: RegisteredApi): void {
    if (this.#apis.has(name)) throw new Error(`API ${name} is registered twice in one stage`);
    this.#apis.set(name, api);
    for (const then of this.#waiting.get(name) ?? []) then(api);
    this.#waiting.delete(name);
  }

  /** Runs `then` with the API once it is registered (at once if it is): for what cannot be a Lazy. */
  whenRegistered(name: string, consumer: string, then: (api: RegisteredApi) => void): void {
    this.#consumed(name, consumer);
    const api = this.#apis.get(name);
    if (api) then(api);
    else this.#waiting.set(name, [...(this.#waiting.get(name) ?? []), then]);
  }

  /** The API's invoke URL (ending in `/`), for `consumer` (a service's name, for the error). */
  urlOf(name: string, consumer: string): string {
    this.#consumed(name, consumer);
    return Lazy.string({ produce: () => this.#api(name).url });
  }

  /** The region to sign the API's requests for. */
  regionOf(name: string, consumer: string): string {
    this.#consumed(name, consumer);
    return Lazy.string({ produce: () => this.#api(name).region });
  }

  /** The ARN `execute-api:Invoke` is granted on for one route of the API. */
  executeApiArn(name: string, consumer: string, method: string, path: string): string {
    this.#consumed(name, consumer);
    return Lazy.string({ produce: () => this.#api(name).executeApiArn(method, path) });
  }

  /** `consumer` calls the API with roles whose ARN starts `callerArnPrefix`, acting as `principal` (`service:<name>`). */
  admit(name: string, consumer: string, callerArnPrefix: string, principal: string): void {
    this.#consumed(name, consumer);
    this.#callers.set(name, (this.#callers.get(name) ?? new Map()).set(callerArnPrefix, principal));
  }

  /** The callers admitted to the API: ARN prefix -> principal, for its `IAM_PRINCIPALS` (sorted: no order of services shows). */
  callersOf(name: string): Readonly<Record<string, string>> {
    return Object.fromEntries([...(this.#callers.get(name) ?? [])].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Once every service of the stage is built: fails on an API that is used but never registered. */
  assertRegistered(): void {
    const missing = [...this.#consumers.keys()].filter((name) => !this.#apis.has(name));
    if (missing.length > 0) throw new Error(missing.map((name) => this.#missing(name)).join("\n"));
  }

  #consumed(name: string, consumer: string): void {
    this.#consumers.set(name, (this.#consumers.get(name) ?? new Set()).add(consumer));
  }

  #api(name: string): RegisteredApi {
    const api = this.#apis.get(name);
    if (!api) throw new Error(this.#missing(name));
    return api;
  }

  #missing(name: string): string {
    const consumers = [...(this.#consumers.get(name) ?? [])].join(", ");
    return `API ${name} (called by ${consumers}) is served by no service of infra/lib/services.ts`;
  }
}
