import { BaseProvider } from "@aws-lambda-powertools/parameters/base";

/**
 * Secrets Manager in memory behind Powertools Parameters' own cache (`BaseProvider`, which
 * `SecretsProvider` extends): `maxAge` and `forceFetch` behave as on AWS; `reads` counts the reads that
 * got past the cache, i.e. the GetSecretValue calls AWS would have billed.
 */
export class MemorySecretsProvider extends BaseProvider {
  readonly #values = new Map<string, string>();
  reads = 0;

  constructor() {
    super({});
  }

  /** Stores a SecretString, as PutSecretValue (or a rotation's last step) would. */
  put(secretArn: string, secretString: string): void {
    this.#values.set(secretArn, secretString);
  }

  /** Forgets a secret: reads fail as Secrets Manager's ResourceNotFound does. */
  remove(secretArn: string): void {
    this.#values.delete(secretArn);
  }

  protected async _get(name: string): Promise<string> {
    this.reads++;
    const value = this.#values.get(name);
    if (value === undefined) throw new Error(`Secrets Manager can't find the specified secret ${name}`);
    return value;
  }

  protected async _getMultiple(): Promise<Record<string, unknown>> {
    throw new Error("secrets are read one at a time");
  }
}
