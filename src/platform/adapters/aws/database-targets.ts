import type { DatabaseConfig } from "../../config/database.config.ts";
import type { DatabaseTarget } from "../../relational/database.ts";
import {
  DatabaseSecretError,
  rdsSecretPassword,
  readRdsSecret,
  SECRET_MAX_AGE_SECONDS,
} from "./rds-secret.ts";
import { type SecretFetcher, secretsManagerFetcher } from "./secret-fetcher.ts";

export interface DatabaseTargets {
  /** Read/write: the usermodel projection, migrations, the API's own queries. */
  readonly primary: DatabaseTarget;
  /** Read-only, for reads that tolerate lag (operator search); none: read the primary. */
  readonly reader?: DatabaseTarget;
}

/**
 * RDS Proxy listens on 5432 for PostgreSQL whatever port the database itself uses, so the secret's
 * `port` (the database's) is not the proxy's; a read replica named by DATABASE_READ_HOST must listen
 * on 5432 too. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-connecting.html
 */
const POSTGRES_PORT = 5432;

/**
 * Where the pools connect, once at cold start: DATABASE_URL as given (its password fixed), or the RDS
 * Proxy endpoint (DATABASE_HOST) and the read endpoint (DATABASE_READ_HOST) with the user and database of
 * the RDS secret (DATABASE_SECRET_ARN), read now so a bad secret fails the start. The password is read
 * from the secret per new connection (`rdsSecretPassword`: cached `maxAge` seconds, re-read after a
 * refusal), so the secret may rotate under warm instances. Never log a URL or a password.
 */
export async function resolveDatabaseTargets(
  config: DatabaseConfig,
  fetchSecret: SecretFetcher = secretsManagerFetcher(),
  maxAge: number = SECRET_MAX_AGE_SECONDS,
): Promise<DatabaseTargets> {
  if (config.DATABASE_URL !== undefined) {
    return {
      primary: config.DATABASE_URL,
      ...(config.DATABASE_READ_URL ? { reader: config.DATABASE_READ_URL } : {}),
    };
  }
  const secretArn = config.DATABASE_SECRET_ARN;
  if (secretArn === undefined || config.DATABASE_HOST === undefined) {
    throw new DatabaseSecretError("set DATABASE_URL, or DATABASE_SECRET_ARN with DATABASE_HOST");
  }
  // This read fills the fetcher's cache: the first connection's password comes from it.
  const secret = await readRdsSecret(secretArn, fetchSecret, { maxAge });
  const password = rdsSecretPassword(secretArn, fetchSecret, maxAge);
  const on = (host: string): DatabaseTarget => ({
    host,
    port: POSTGRES_PORT,
    database: config.DATABASE_NAME ?? secret.dbname ?? "postgres",
    user: secret.username,
    password,
    // verify-full: RDS Proxy's certificates are ACM's, trusted by Node as it is; a replica's own endpoint
    // presents the RDS CA's, which Lambda's Node 20+ runtimes trust only with
    // NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem.
    verifiedTls: true,
  });
  return {
    primary: on(config.DATABASE_HOST),
    ...(config.DATABASE_READ_HOST ? { reader: on(config.DATABASE_READ_HOST) } : {}),
  };
}
