import { describe, expect, it } from "vitest";
import { resolveDatabaseTargets } from "../../../src/platform/adapters/aws/database-targets.ts";
import { DatabaseSecretError } from "../../../src/platform/adapters/aws/rds-secret.ts";
import type { PostgresEndpoint } from "../../../src/platform/relational/database.ts";

const ARN = "arn:aws:secretsmanager:us-east-2:111122223333:secret:dev-usermodel-AbCdEf";
const PROXY = "dev-usermodel.proxy-abc.us-east-2.rds.amazonaws.com";
const READ_PROXY = "dev-usermodel-read.endpoint.proxy-abc.us-east-2.rds.amazonaws.com";
/** An RDS-generated secret; the password has every character a URL gives meaning to. */
const rdsSecret = {
  username: "roster admin",
  password: "p@ss:w/rd?#%&=+ ",
  engine: "postgres",
  host: "dev-usermodel.abc.us-east-2.rds.amazonaws.com",
  port: 5433,
  dbname: "usermodel",
};

/** A secret store that answers one ARN and counts reads. */
function secretStore(secretString: string) {
  const reads: string[] = [];
  const fetchSecret = async (arn: string) => {
    reads.push(arn);
    if (arn !== ARN) throw new Error(`Secrets Manager can't find the specified secret ${arn}`);
    return secretString;
  };
  return { fetchSecret, reads };
}

function endpoint(target: unknown): PostgresEndpoint {
  expect(typeof target).toBe("object");
  return target as PostgresEndpoint;
}

async function refusal(act: () => Promise<unknown>): Promise<DatabaseSecretError> {
  const error = await act().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseSecretError);
  return error as DatabaseSecretError;
}

describe("database targets on AWS", () => {
  it("takes DATABASE_URL and DATABASE_READ_URL as they are, reading no secret", async () => {
    const store = secretStore("{}");
    const targets = await resolveDatabaseTargets(
      { DATABASE_URL: "postgres://u:p@db:5432/ebdb", DATABASE_READ_URL: "postgres://u:p@replica:5432/ebdb" },
      store.fetchSecret,
    );

    expect(targets).toEqual({
      primary: "postgres://u:p@db:5432/ebdb",
      reader: "postgres://u:p@replica:5432/ebdb",
    });
    expect(store.reads).toEqual([]);
  });

  it("connects as the secret's user to the RDS Proxy endpoints on 5432 over verified TLS", async () => {
    const store = secretStore(JSON.stringify(rdsSecret));

    const targets = await resolveDatabaseTargets(
      { DATABASE_SECRET_ARN: ARN, DATABASE_HOST: PROXY, DATABASE_READ_HOST: READ_PROXY },
      store.fetchSecret,
    );

    expect(store.reads).toEqual([ARN]);
    for (const [target, host] of [
      [targets.primary, PROXY],
      [targets.reader, READ_PROXY],
    ] as const) {
      const { password, ...where } = endpoint(target);
      expect(where).toEqual({
        host,
        port: 5432, // the proxy's port, not the database's 5433
        database: "usermodel",
        user: rdsSecret.username,
        verifiedTls: true,
      });
      expect(await password.current()).toBe(rdsSecret.password);
      // What a log line or an error would show of the target holds no password.
      expect(JSON.stringify(target)).not.toContain("p@ss");
    }
  });

  it("uses DATABASE_NAME over the secret's dbname, and postgres when neither names one", async () => {
    const { dbname: _, ...noName } = rdsSecret;
    const named = await resolveDatabaseTargets(
      { DATABASE_SECRET_ARN: ARN, DATABASE_HOST: PROXY, DATABASE_NAME: "reporting" },
      secretStore(JSON.stringify(rdsSecret)).fetchSecret,
    );
    const unnamed = await resolveDatabaseTargets(
      { DATABASE_SECRET_ARN: ARN, DATABASE_HOST: PROXY },
      secretStore(JSON.stringify(noName)).fetchSecret,
    );

    expect(endpoint(named.primary).database).toBe("reporting");
    expect(named.reader).toBeUndefined();
    expect(endpoint(unnamed.primary).database).toBe("postgres");
  });

  it("names the secret and the reason when it cannot be read or is not an RDS secret, never a value", async () => {
    const config = { DATABASE_SECRET_ARN: ARN, DATABASE_HOST: PROXY };
    const other = "arn:aws:secretsmanager:us-east-2:111122223333:secret:other-XyZ";

    const unreadable = await refusal(() =>
      resolveDatabaseTargets({ ...config, DATABASE_SECRET_ARN: other }, secretStore("{}").fetchSecret),
    );
    const notJson = await refusal(() =>
      resolveDatabaseTargets(config, secretStore(`password=${rdsSecret.password}`).fetchSecret),
    );
    const noPassword = await refusal(() =>
      resolveDatabaseTargets(config, secretStore(JSON.stringify({ ...rdsSecret, password: "" })).fetchSecret),
    );

    expect(unreadable.message).toBe(
      `could not read the database secret ${other}: Secrets Manager can't find the specified secret ${other}`,
    );
    expect(notJson.message).toBe(`the database secret ${ARN} is not JSON`);
    expect(noPassword.message).toBe(
      `the database secret ${ARN} is not an RDS secret: password missing or not a non-empty string`,
    );
    for (const error of [notJson, noPassword]) {
      expect(error.message).not.toContain(rdsSecret.username);
      expect(error.message).not.toContain("p@ss");
    }
  });
});
