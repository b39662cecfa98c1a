/**
 * The database password as the pools read it on AWS: through Powertools Parameters' cache (here over
 * Secrets Manager in memory), re-read after `maxAge` or at once after the server refused it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { DatabaseSecretError, rdsSecretPassword } from "../../../src/platform/adapters/aws/rds-secret.ts";
import { providerFetcher } from "../../../src/platform/adapters/aws/secret-fetcher.ts";
import { MemorySecretsProvider } from "../../fakes/memory-secrets.provider.ts";

const ARN = "arn:aws:secretsmanager:us-east-2:111122223333:secret:dev-user-service-database-AbCdEf";
const secretWith = (password: string) =>
  JSON.stringify({ engine: "postgres", username: "roster", password, dbname: "usermodel", port: 5432 });

/** Secrets Manager holding the secret with password "before", and the password the pools would use. */
function rotatingSecret(maxAge: number) {
  const secrets = new MemorySecretsProvider();
  secrets.put(ARN, secretWith("before"));
  const password = rdsSecretPassword(
    ARN,
    providerFetcher(() => secrets),
    maxAge,
  );
  const rotate = () => secrets.put(ARN, secretWith("after"));
  return { secrets, password, rotate };
}

describe("the database password from its secret", () => {
  it("serves new connections from the cache while it is younger than maxAge", async () => {
    const { secrets, password, rotate } = rotatingSecret(300);
    await password.current();

    rotate();

    expect(await password.current()).toBe("before");
    expect(await password.current()).toBe("before");
    expect(secrets.reads).toBe(1);
  });

  it("reads the secret again once maxAge has passed", async () => {
    // Powertools' cache counts whole seconds on the wall clock: one second is the shortest maxAge.
    const { secrets, password, rotate } = rotatingSecret(1);
    await password.current();
    rotate();

    await sleep(1_100);

    expect(await password.current()).toBe("after");
    expect(secrets.reads).toBe(2);
  });

  it("reads it afresh after the server refused it, then serves the new one from the cache", async () => {
    const { secrets, password, rotate } = rotatingSecret(300);
    await password.current();
    rotate();

    password.refused();

    expect(await password.current()).toBe("after");
    expect(await password.current()).toBe("after");
    expect(secrets.reads).toBe(2);
  });

  it("keeps reading afresh after a refusal until a read succeeds", async () => {
    const { secrets, password } = rotatingSecret(300);
    await password.current();
    password.refused();
    secrets.remove(ARN);

    const failed = password.current();

    await expect(failed).rejects.toThrow(DatabaseSecretError);
    await expect(failed).rejects.toThrow(`could not read the database secret ${ARN}`);
    secrets.put(ARN, secretWith("after"));
    expect(await password.current()).toBe("after");
  });
});
