import * as z from "zod";
import type { DatabaseConfig } from "./database.config.ts";

/** Reads a secret's string (SecretString) by ARN. Injected in tests; Secrets Manager on AWS. */
export type SecretFetcher = (secretArn: string) => Promise<string>;

export interface DatabaseUrls {
  /** Read/write: the usermodel projection, migrations, the API's own queries. */
  readonly primary: string;
  /** Read-only, for reads that tolerate lag (operator search); none: read the primary. */
  readonly reader?: string;
}

/** A secret that is unreadable or not an RDS secret. Names the ARN and the fields, never a value. */
export class DatabaseSecretError extends Error {
  override readonly name = "DatabaseSecretError";
}

/**
 * RDS Proxy listens on 5432 for PostgreSQL whatever port the database itself uses, so the secret's
 * `port` (the database's) is not the proxy's; a read replica named by DATABASE_READ_HOST must listen
 * on 5432 too. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-connecting.html
 */
const POSTGRES_PORT = 5432;

/** The fields of an RDS-generated secret that a connection needs (`host`, `port`, `engine` are the database's). */
const RdsSecretSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  dbname: z.string().min(1).optional(),
});

/**
 * The connection URLs, once at cold start: DATABASE_URL as given, or the credentials of the RDS secret
 * (DATABASE_SECRET_ARN) on the RDS Proxy endpoint (DATABASE_HOST) and the read endpoint
 * (DATABASE_READ_HOST). The URLs hold the password: never log them.
 */
export async function resolveDatabaseUrls(
  config: DatabaseConfig,
  fetchSecret: SecretFetcher = secretsManagerFetcher,
): Promise<DatabaseUrls> {
  if (config.DATABASE_URL !== undefined) {
    return {
      primary: config.DATABASE_URL,
      ...(config.DATABASE_READ_URL ? { reader: config.DATABASE_READ_URL } : {}),
    };
  }
  if (config.DATABASE_SECRET_ARN === undefined || config.DATABASE_HOST === undefined) {
    throw new DatabaseSecretError("set DATABASE_URL, or DATABASE_SECRET_ARN with DATABASE_HOST");
  }
  const secret = await readRdsSecret(config.DATABASE_SECRET_ARN, fetchSecret);
  const database = config.DATABASE_NAME ?? secret.dbname ?? "postgres";
  const on = (host: string) => tlsUrl(host, database, secret);
  return {
    primary: on(config.DATABASE_HOST),
    ...(config.DATABASE_READ_HOST ? { reader: on(config.DATABASE_READ_HOST) } : {}),
  };
}

/**
 * `verify-full`: TLS, the certificate checked against the trusted CAs and the host name. RDS Proxy's
 * certificates are ACM's, trusted by Node as it is; a replica's own endpoint presents the RDS CA's, which
 * Lambda's Node 20+ runtimes trust only with NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem. (pg 8 treats
 * `sslmode=require` as `verify-full`, with a warning, and will stop verifying under it: this says what is
 * meant.)
 */
function tlsUrl(host: string, database: string, secret: z.infer<typeof RdsSecretSchema>): string {
  const credentials = `${encodeURIComponent(secret.username)}:${encodeURIComponent(secret.password)}`;
  return `postgres://${credentials}@${host}:${POSTGRES_PORT}/${encodeURIComponent(database)}?sslmode=verify-full`;
}

async function readRdsSecret(secretArn: string, fetchSecret: SecretFetcher) {
  let text: string;
  try {
    text = await fetchSecret(secretArn);
  } catch (error) {
    // The SDK's errors name the secret and the refusal (AccessDenied, ResourceNotFound), never its value.
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseSecretError(`could not read the database secret ${secretArn}: ${reason}`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text: it is not repeated.
    throw new DatabaseSecretError(`the database secret ${secretArn} is not JSON`);
  }
  const parsed = RdsSecretSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(secret)"))];
    throw new DatabaseSecretError(
      `the database secret ${secretArn} is not an RDS secret: ${fields.join(", ")} missing or not a non-empty string`,
    );
  }
  return parsed.data;
}

/**
 * Powertools Parameters' Secrets Manager provider, in the secret's own region (from its ARN). Loaded on
 * first use: a DATABASE_URL configuration never evaluates the Secrets Manager client.
 */
export const secretsManagerFetcher: SecretFetcher = async (secretArn) => {
  const { SecretsProvider } = await import("@aws-lambda-powertools/parameters/secrets");
  const region = secretArn.split(":")[3];
  const provider = new SecretsProvider({ clientConfig: region ? { region } : {} });
  const value = await provider.get(secretArn);
  if (typeof value !== "string") throw new Error("the secret holds no SecretString (a binary secret?)");
  return value;
};
