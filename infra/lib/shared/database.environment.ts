/**
 * The variables of src/platform/config/database.config.ts for a function that uses a `Database`: the
 * secret by ARN (the code reads the password when it opens a connection), RDS Proxy for writes and, when
 * the function reads and the stage has one, the replica.
 */
export interface DatabaseEnvironment {
  readonly secretArn: string;
  readonly host: string;
  readonly readHost: string | undefined;
  readonly name: string;
}

export function databaseEnvironment(
  db: DatabaseEnvironment,
  options: { reads: boolean },
): Record<string, string> {
  return {
    DATABASE_SECRET_ARN: db.secretArn,
    DATABASE_HOST: db.host,
    DATABASE_NAME: db.name,
    ...(options.reads && db.readHost
      ? {
          DATABASE_READ_HOST: db.readHost,
          // The replica is reached directly and presents the RDS CA's certificate (verify-full), which
          // Node trusts only with Lambda's bundle of it; RDS Proxy's certificates are ACM's.
          NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem",
        }
      : {}),
  };
}
