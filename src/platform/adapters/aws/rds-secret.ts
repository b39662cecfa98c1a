import * as z from "zod";
import type { RotatingPassword } from "../../relational/database.ts";
import type { SecretFetcher } from "./secret-fetcher.ts";

/** A secret that is unreadable or not an RDS secret. Names the ARN and the fields, never a value. */
export class DatabaseSecretError extends Error {
  override readonly name = "DatabaseSecretError";
}

/**
 * How long a read of the database secret serves new connections: 5 minutes. After a rotation the first
 * refused connection reads it again at once (`rdsSecretPassword`), so this bounds only how often Secrets
 * Manager is asked (one call per warm instance per 5 minutes at most), not how long a rotation hurts.
 */
export const SECRET_MAX_AGE_SECONDS = 300;

/** The fields of an RDS-generated secret that a connection needs (`host`, `port`, `engine` are the database's). */
const RdsSecretSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  dbname: z.string().min(1).optional(),
});

export type RdsSecret = z.infer<typeof RdsSecretSchema>;

export async function readRdsSecret(
  secretArn: string,
  fetchSecret: SecretFetcher,
  options: { maxAge: number; forceFetch?: boolean },
): Promise<RdsSecret> {
  let text: string;
  try {
    text = await fetchSecret(secretArn, options);
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
 * The secret's password for each new connection, from the fetcher's cache (`maxAge` seconds); once a
 * connection was refused it is read afresh (`forceFetch`), so a rotated password reaches a warm
 * instance on its next connection. Single-user rotation: the user name never changes, only the password.
 */
export function rdsSecretPassword(
  secretArn: string,
  fetchSecret: SecretFetcher,
  maxAge: number = SECRET_MAX_AGE_SECONDS,
): RotatingPassword {
  let stale = false;
  return {
    async current() {
      const forceFetch = stale;
      const secret = await readRdsSecret(secretArn, fetchSecret, { maxAge, forceFetch });
      // Cleared only once a read succeeded: a failed forced read leaves the next one forced too.
      if (forceFetch) stale = false;
      return secret.password;
    },
    refused() {
      stale = true;
    },
  };
}
