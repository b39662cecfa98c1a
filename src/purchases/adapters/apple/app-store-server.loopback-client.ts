import { AppStoreServerAPIClient, type Environment } from "@apple/app-store-server-library";

type LibraryResponse = ReturnType<AppStoreServerAPIClient["makeFetchRequest"]>;

/**
 * Apple's client pointed at another base URL: the library hard-codes its hosts (the private `urlBase`,
 * set from the environment in the constructor) and offers no option, but sends every request through
 * the protected `makeFetchRequest(path, query, ...)`, so this subclass overrides only that, keeping the
 * library's bearer token, body encoding, answer validation and `APIException`s. Node's fetch answers the
 * subset of node-fetch's Response the library reads (ok, status, json()).
 */
export class LoopbackAppStoreServerAPIClient extends AppStoreServerAPIClient {
  readonly #baseUrl: string;

  constructor(
    baseUrl: string,
    signingKey: string,
    keyId: string,
    issuerId: string,
    bundleId: string,
    environment: Environment,
  ) {
    super(signingKey, keyId, issuerId, bundleId, environment);
    this.#baseUrl = baseUrl.replace(/\/+$/, "");
  }

  protected override makeFetchRequest(
    path: string,
    parsedQueryParameters: URLSearchParams,
    method: string,
    requestBody: string | Buffer | undefined,
    headers: { [key: string]: string },
  ): LibraryResponse {
    const query = parsedQueryParameters.toString();
    const url = `${this.#baseUrl}${path}${query ? `?${query}` : ""}`;
    return fetch(url, { method, body: requestBody ?? null, headers }) as unknown as LibraryResponse;
  }
}
