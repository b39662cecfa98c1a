/**
 * Secrets read through a Powertools Parameters provider, whose cache decides when Secrets Manager is
 * asked again: a value serves for `maxAge` seconds, and `forceFetch` skips it.
 * https://docs.powertools.aws.dev/lambda/typescript/latest/features/parameters/#adjusting-cache-ttl
 */

/** Powertools Parameters' `get` options. */
export interface SecretReadOptions {
  /** Seconds a read serves from the provider's cache. */
  readonly maxAge: number;
  /** Skip the cache (and refill it). */
  readonly forceFetch?: boolean;
}

/** Reads a secret's string (SecretString) by ARN. Secrets Manager on AWS; a provider in memory in tests. */
export type SecretFetcher = (secretArn: string, options: SecretReadOptions) => Promise<string>;

/** What is used of a Powertools provider: `SecretsProvider`, or any `BaseProvider`. */
export interface SecretProvider {
  get(name: string, options: SecretReadOptions): Promise<unknown>;
}

/**
 * A fetcher on one provider per region (from the ARN), each made on first use and kept: the cache lives
 * in the provider, so a new provider per read would never serve a cached value.
 */
export function providerFetcher(
  providerFor: (region: string | undefined) => SecretProvider | Promise<SecretProvider>,
): SecretFetcher {
  const providers = new Map<string, Promise<SecretProvider>>();
  return async (secretArn, options) => {
    const region = secretArn.split(":")[3] || undefined;
    let provider = providers.get(region ?? "");
    if (!provider) {
      provider = Promise.resolve(providerFor(region));
      providers.set(region ?? "", provider);
    }
    const value = await (await provider).get(secretArn, options);
    if (typeof value !== "string") throw new Error("the secret holds no SecretString (a binary secret?)");
    return value;
  };
}

/**
 * Powertools Parameters' Secrets Manager provider, in the secret's own region. Loaded on first use: a
 * DATABASE_URL configuration never evaluates the Secrets Manager client.
 */
export const secretsManagerFetcher = (): SecretFetcher =>
  providerFetcher(async (region) => {
    const { SecretsProvider } = await import("@aws-lambda-powertools/parameters/secrets");
    return new SecretsProvider({ clientConfig: region ? { region } : {} });
  });
