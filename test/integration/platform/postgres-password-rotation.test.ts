/**
 * A pool whose password rotates (single-user rotation of the RDS secret) on the embedded PostgreSQL:
 * the role's password changes under it, as the rotation function's ALTER ROLE does, and the pool's next
 * connection authenticates again once the secret holds the new password, without a new pool.
 */
import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rdsSecretPassword } from "../../../src/platform/adapters/aws/rds-secret.ts";
import { providerFetcher } from "../../../src/platform/adapters/aws/secret-fetcher.ts";
import { closeDatabase, createDatabase } from "../../../src/platform/relational/database.ts";
import { MemorySecretsProvider } from "../../fakes/memory-secrets.provider.ts";
import { freshDatabase, type TestDatabase } from "../../support/test-database.ts";

const ARN = "arn:aws:secretsmanager:us-east-2:111122223333:secret:test/user-service/database-AbCdEf";
const newPassword = () => randomBytes(12).toString("hex");

describe("a pool on a rotating password", () => {
  let admin: TestDatabase<unknown>;
  let role: string;
  let secrets: MemorySecretsProvider;
  let pool: Kysely<unknown>;

  const putSecret = (password: string) =>
    secrets.put(ARN, JSON.stringify({ engine: "postgres", username: role, password, dbname: admin.name }));
  /** What the rotation function's setSecret step does: the database changes first, the secret after. */
  const alterRole = (password: string) =>
    sql`alter role ${sql.id(role)} password ${sql.lit(password)}`.execute(admin.db);
  const whoAmI = async () =>
    (await sql<{ user: string }>`select current_user as user`.execute(pool)).rows[0]?.user;

  beforeEach(async () => {
    admin = await freshDatabase();
    role = `rotation_test_${randomBytes(4).toString("hex")}`;
    const first = newPassword();
    await sql`create role ${sql.id(role)} login password ${sql.lit(first)}`.execute(admin.db);
    secrets = new MemorySecretsProvider();
    putSecret(first);
    const server = new URL(admin.url);
    pool = createDatabase(
      {
        host: server.hostname,
        port: Number(server.port),
        database: admin.name,
        user: role,
        password: rdsSecretPassword(
          ARN,
          providerFetcher(() => secrets),
          300,
        ),
        verifiedTls: false, // the embedded server listens on 127.0.0.1 without TLS
      },
      // Every query on a new connection, as a Lambda instance's after the pool's idle timeout.
      { maxConnections: 1, maxUsesPerConnection: 1 },
    );
  });

  afterEach(async () => {
    await closeDatabase(pool);
    await sql`drop role if exists ${sql.id(role)}`.execute(admin.db);
    await admin.drop();
  });

  it("is refused while the secret lags the database, and recovers on the next connection once it holds the new password", async () => {
    expect(await whoAmI()).toBe(role);
    const second = newPassword();

    await alterRole(second);

    await expect(whoAmI()).rejects.toMatchObject({ code: "28P01" });
    putSecret(second);
    expect(await whoAmI()).toBe(role);
    expect(await whoAmI()).toBe(role);
  });

  it("answers the first query after a finished rotation, re-reading the cached password it was refused", async () => {
    expect(await whoAmI()).toBe(role);
    const second = newPassword();

    await alterRole(second);
    putSecret(second);

    expect(await whoAmI()).toBe(role);
    // Secrets Manager was asked twice: the first read, and the forced one after the refusal.
    expect(await whoAmI()).toBe(role);
    expect(secrets.reads).toBe(2);
  });
});
