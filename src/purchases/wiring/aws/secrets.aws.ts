import * as z from "zod";
import { type SecretFetcher, secretsManagerFetcher } from "../../../platform/adapters/aws/secret-fetcher.ts";
import type { ServiceAccountKey } from "../../adapters/google/play-developer.client.ts";

/** Read once at cold start and kept for the instance's life (a rotated key reaches new instances). */
const AT_COLD_START = { maxAge: 24 * 60 * 60 };

const AppStoreKey = z.object({
  keyId: z.string().min(1),
  issuerId: z.string().min(1),
  privateKey: z.string().includes("PRIVATE KEY"),
});
export type AppStoreKey = z.infer<typeof AppStoreKey>;

const GoogleServiceAccount = z.object({
  client_email: z.email(),
  private_key: z.string().includes("PRIVATE KEY"),
});

/** A secret that is not what it should be: names the secret's role and the fields, never a value. */
export class PurchasesSecretError extends Error {
  override readonly name = "PurchasesSecretError";
}

function parsed<T>(what: string, schema: z.ZodType<T>, text: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PurchasesSecretError(`the ${what} secret is not JSON`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join(".")))].join(", ");
    throw new PurchasesSecretError(`the ${what} secret lacks or misspells: ${fields}`);
  }
  return result.data;
}

/** The Purchases service's secrets, by ARN (Secrets Manager on AWS; any fetcher in tests). */
export class PurchasesSecrets {
  readonly #fetch: SecretFetcher;
  constructor(fetch: SecretFetcher = secretsManagerFetcher()) {
    this.#fetch = fetch;
  }

  /** `{keyId, issuerId, privateKey}`: the App Store Server API's In-App Purchase key. */
  async appStoreKey(arn: string): Promise<AppStoreKey> {
    return parsed("App Store Server API key", AppStoreKey, await this.#fetch(arn, AT_COLD_START));
  }

  /** Google Cloud's JSON key file of the Play Developer API's service account. */
  async googleServiceAccount(arn: string): Promise<ServiceAccountKey> {
    return parsed("Google service account", GoogleServiceAccount, await this.#fetch(arn, AT_COLD_START));
  }

  /** Braze's REST API key, the secret's whole string. */
  async brazeKey(arn: string): Promise<string> {
    const key = (await this.#fetch(arn, AT_COLD_START)).trim();
    if (key.length === 0) throw new PurchasesSecretError("the Braze API key secret is empty");
    return key;
  }
}
