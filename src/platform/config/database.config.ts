import * as z from "zod";
import { commonConfigSchema } from "./common.config.ts";
import { parseConfig } from "./parse-config.ts";

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });

/**
 * The two ways to reach PostgreSQL; exactly one is configured (`requireOneDatabaseSource`):
 * - `DATABASE_URL` (+ `DATABASE_READ_URL`): a whole connection string (tests, a database outside RDS);
 * - `DATABASE_SECRET_ARN` + `DATABASE_HOST` (+ `DATABASE_READ_HOST`, `DATABASE_NAME`): on AWS, the
 *   RDS-generated secret in Secrets Manager (read at cold start, its password again per connection as it
 *   rotates) and the RDS Proxy endpoint (+ a read replica's).
 */
export const databaseConfigShape = {
  DATABASE_URL: postgresUrl
    .optional()
    .describe("A whole connection string to the primary (tests, a database outside RDS), used as given."),
  DATABASE_READ_URL: postgresUrl
    .optional()
    .describe(
      "With DATABASE_URL: a read replica for reads that tolerate its lag (operator search); unset: reads use DATABASE_URL.",
    ),
  DATABASE_SECRET_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:\S+$/, "a Secrets Manager secret ARN")
    .optional()
    .describe(
      "The RDS secret (`{ username, password, host?, port?, dbname?, engine? }`), which the function's role may read.",
    ),
  DATABASE_HOST: z
    .hostname()
    .optional()
    .describe("With DATABASE_SECRET_ARN: the RDS Proxy's (read/write) endpoint, a bare host name."),
  DATABASE_READ_HOST: z
    .hostname()
    .optional()
    .describe(
      "With DATABASE_SECRET_ARN, read-only, for operator search: a read replica's endpoint, on 5432 as well (RDS Proxy fronts only the writer of an RDS for PostgreSQL instance; Aurora's read-only proxy endpoints would do); unset: reads use DATABASE_HOST.",
    ),
  DATABASE_NAME: z
    .string()
    .regex(/^[A-Za-z_][\w$]{0,62}$/, "a PostgreSQL database name")
    .optional()
    .describe("With DATABASE_SECRET_ARN: the database; unset: the secret's `dbname`, else `postgres`."),
};

export type DatabaseConfig = {
  readonly [K in keyof typeof databaseConfigShape]?: string | undefined;
};

const BY_URL = ["DATABASE_URL", "DATABASE_READ_URL"] as const;
const BY_SECRET = ["DATABASE_SECRET_ARN", "DATABASE_HOST", "DATABASE_READ_HOST", "DATABASE_NAME"] as const;

/**
 * Exactly one way to the database, named in each problem: `requireOneDatabaseSource(schema)` adds the
 * check to a schema holding (some of) `databaseConfigShape`. The check runs even when other variables
 * were refused (`when`), so a configuration with no database at all says so alongside its other faults.
 */
export function requireOneDatabaseSource<S extends z.ZodType<DatabaseConfig>>(schema: S): S {
  return schema.superRefine(checkOneDatabaseSource, { when: () => true });
}

function checkOneDatabaseSource(config: DatabaseConfig, ctx: z.RefinementCtx): void {
  const set = (names: readonly (keyof DatabaseConfig)[]) =>
    names.filter((name) => config[name] !== undefined);
  const byUrl = set(BY_URL);
  const bySecret = set(BY_SECRET);
  const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (byUrl.length === 0 && bySecret.length === 0) {
    problem(
      "DATABASE_URL",
      "required, or else DATABASE_SECRET_ARN with DATABASE_HOST (the RDS Proxy endpoint)",
    );
  } else if (byUrl.length > 0 && bySecret.length > 0) {
    problem(
      byUrl[0] ?? "DATABASE_URL",
      `${bySecret.join(" and ")} set too: configure DATABASE_URL or the Secrets Manager variables, not both`,
    );
  } else if (byUrl.length > 0) {
    if (config.DATABASE_URL === undefined) problem("DATABASE_URL", "required with DATABASE_READ_URL");
  } else {
    if (config.DATABASE_SECRET_ARN === undefined)
      problem("DATABASE_SECRET_ARN", `required with ${bySecret.join(" and ")}`);
    if (config.DATABASE_HOST === undefined)
      problem("DATABASE_HOST", "required with DATABASE_SECRET_ARN: the RDS Proxy endpoint");
  }
}

/**
 * The migrate and usermodel-projector Lambdas: the primary database only (no read variables), by
 * either way.
 */
export const primaryDatabaseConfigSchema = requireOneDatabaseSource(
  commonConfigSchema.extend({
    DATABASE_URL: databaseConfigShape.DATABASE_URL,
    DATABASE_SECRET_ARN: databaseConfigShape.DATABASE_SECRET_ARN,
    DATABASE_HOST: databaseConfigShape.DATABASE_HOST,
    DATABASE_NAME: databaseConfigShape.DATABASE_NAME,
  }),
);

export type PrimaryDatabaseConfig = z.infer<typeof primaryDatabaseConfigSchema>;

export const loadPrimaryDatabaseConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(primaryDatabaseConfigSchema, env);
