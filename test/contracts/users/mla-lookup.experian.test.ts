import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { ExperianMlaLookup } from "../../../src/users/adapters/http/experian-mla.http.ts";
import { MLA_SANDBOX_SSNS } from "../../../src/users/adapters/sandbox/mla-lookup.sandbox.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import {
  FAKE_EXPERIAN_CREDENTIALS,
  FAKE_TOKEN_LIFETIME_SECONDS,
  startFakeExperian,
} from "../../fakes/experian.fake.ts";
import { recordingLogger } from "../../support/recording-logger.ts";
import { mlaLookupContract, subjectWith } from "./mla-lookup.contract.ts";

type Fake = Awaited<ReturnType<typeof startFakeExperian>>;

const clientFor = (
  fake: Fake,
  options: { clock?: ManualClock; timeoutMs?: number; clientSecret?: string } = {},
) => {
  const log = recordingLogger();
  const client = new ExperianMlaLookup({
    baseUrl: fake.url,
    ...FAKE_EXPERIAN_CREDENTIALS,
    ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
    timeoutMs: options.timeoutMs ?? 5_000,
    clock: options.clock ?? new ManualClock(TEST_NOW),
    logger: log.logger,
  });
  return { client, log };
};

/** Every way the subject's SSN and date of birth could be written down. */
const SECRETS = /401-?23-?(0502|0503|1203|4567)|1990-12-10|12101990/;

mlaLookupContract("the Experian HTTP client against a loopback Experian", async () => {
  const fake = await startFakeExperian();
  return { lookup: clientFor(fake).client, close: () => fake.server.close() };
});

describe("the Experian MLA HTTP client", () => {
  let fake: Fake;

  beforeEach(async () => {
    fake = await startFakeExperian();
  });
  afterEach(async () => {
    await fake.server.close();
  });

  it("gets an OAuth token with the password grant and sends the lookup with it as a bearer", async () => {
    const { client } = clientFor(fake);
    await client.lookup(subjectWith(MLA_SANDBOX_SSNS.coveredBorrower));
    const [token, lookup] = fake.server.received;
    expect(token?.url).toBe("/oauth2/v1/token");
    expect(token?.headers.grant_type).toBe("password");
    expect(lookup?.url).toBe("/consumerservices/mla/v1/covered-borrower");
    expect(lookup?.headers.authorization).toBe("Bearer token-1");
    expect(JSON.parse(lookup?.body ?? "")).toEqual({
      requestor: { subscriberCode: FAKE_EXPERIAN_CREDENTIALS.subscriberCode },
      consumerPii: {
        primaryApplicant: {
          name: { firstName: "ADA", middleName: "AUGUSTA", lastName: "LOVELACE" },
          dob: { dob: "12101990" },
          ssn: { ssn: "401231203" },
          currentAddress: { line1: "12 ANALYTICAL ROW", city: "AUSTIN", state: "TX", zipCode: "78701" },
        },
      },
    });
  });

  it("reuses its token until a minute before it expires, then asks for a new one", async () => {
    const clock = new ManualClock(TEST_NOW);
    const { client } = clientFor(fake, { clock });
    await client.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered));
    clock.advance((FAKE_TOKEN_LIFETIME_SECONDS - 61) * 1000);
    await client.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered));
    expect(fake.tokensIssued()).toBe(1);
    clock.advance(2_000);
    await client.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered));
    expect(fake.tokensIssued()).toBe(2);
  });

  it("asks for a new token once when Experian revokes the one it holds", async () => {
    const { client } = clientFor(fake);
    await client.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered));
    fake.revokeTokens();
    const result = await client.lookup(subjectWith(MLA_SANDBOX_SSNS.coveredBorrower));
    expect(result.is_military).toBe(true);
    expect(fake.tokensIssued()).toBe(2);
  });

  it("fails with a DependencyError when Experian refuses its credentials", async () => {
    const { client } = clientFor(fake, { clientSecret: "not-the-secret" });
    await expect(client.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered))).rejects.toThrow(DependencyError);
    expect(fake.server.received.map((r) => r.url)).toEqual(["/oauth2/v1/token"]);
  });

  it("gives up on an Experian that never answers with an UnavailableError (503)", async () => {
    fake.server.neverAnswer();
    const { client } = clientFor(fake, { timeoutMs: 200 });
    await expect(client.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered))).rejects.toThrow(UnavailableError);
  });

  it("refuses an answer outside its contract with a DependencyError", async () => {
    const { client } = clientFor(fake);
    await client.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered));
    fake.server.answerEveryRequestWith({ status: 200, body: { transactionId: "t-1", mlaResult: {} } });
    await expect(client.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered))).rejects.toThrow(DependencyError);
  });

  it("never logs or repeats the SSN or the date of birth, whatever goes wrong", async () => {
    const { client, log } = clientFor(fake, { timeoutMs: 200 });
    const errors: unknown[] = [];
    const attempt = (ssn: string) => client.lookup(subjectWith(ssn)).catch((error) => errors.push(error));
    await attempt(MLA_SANDBOX_SSNS.coveredBorrower);
    await attempt(MLA_SANDBOX_SSNS.experianFailure);
    await attempt(MLA_SANDBOX_SSNS.experianUnavailable);
    fake.server.answerEveryRequestWith({ status: 400, body: { echo: "ssn 401234567 dob 12101990" } });
    await attempt(MLA_SANDBOX_SSNS.notCovered);
    fake.server.answerEveryRequestWith({ status: 200, body: { ssn: "401234567", dob: "1990-12-10" } });
    await attempt(MLA_SANDBOX_SSNS.notCovered);
    fake.server.neverAnswer();
    await attempt(MLA_SANDBOX_SSNS.notCovered);

    expect(errors.map((e) => (e as Error).name)).toEqual([
      "DependencyError",
      "UnavailableError",
      "DependencyError",
      "DependencyError",
      "UnavailableError",
    ]);
    expect(log.entries.length).toBeGreaterThanOrEqual(errors.length);
    expect(log.text()).not.toMatch(SECRETS);
    for (const error of errors) {
      expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toMatch(
        SECRETS,
      );
    }
  });
});
