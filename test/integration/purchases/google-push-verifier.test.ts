import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnauthorizedError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { PubSubPushVerifier } from "../../../src/purchases/adapters/google/pubsub-push.verifier.ts";
import { GoogleOidcIssuerSandbox } from "../../../src/purchases/adapters/sandbox/google-oidc-issuer.sandbox.ts";

const AUDIENCE = "https://purchases.roster.test/google/pubsub";
const EMAIL = "play-rtdn-push@roster-test.iam.gserviceaccount.com";

let issuer: GoogleOidcIssuerSandbox;
let stranger: GoogleOidcIssuerSandbox;

beforeAll(async () => {
  [issuer, stranger] = await Promise.all([GoogleOidcIssuerSandbox.start(), GoogleOidcIssuerSandbox.start()]);
});
afterAll(async () => {
  await Promise.all([issuer.close(), stranger.close()]);
});

const verifierOf = (certsUrl = issuer.certsUrl) =>
  new PubSubPushVerifier({ audience: AUDIENCE, email: EMAIL, certsUrl });

/** The refusal, checked to be a 401 that does not repeat the token. */
async function refusal(verifier: PubSubPushVerifier, token: string): Promise<string> {
  const error = await verifier.verify(`Bearer ${token}`).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthorizedError);
  const message = (error as Error).message;
  expect(message).not.toContain(token);
  expect(message).not.toContain(token.split(".")[1]);
  return message;
}

describe("the Pub/Sub push verifier, with google-auth-library against a local issuer", () => {
  it("accepts Google's token for this audience and the push service account", async () => {
    const token = await issuer.signPushToken({ audience: AUDIENCE, email: EMAIL });

    await expect(verifierOf().verify(`Bearer ${token}`)).resolves.toBeUndefined();
  });

  it.each<[string, Parameters<GoogleOidcIssuerSandbox["signPushToken"]>[0], RegExp]>([
    ["another audience", { audience: "https://elsewhere.test/push", email: EMAIL }, /audience/],
    ["another issuer", { audience: AUDIENCE, email: EMAIL, issuer: "https://evil.test" }, /issuer/],
    [
      "another sender",
      { audience: AUDIENCE, email: "someone@else.iam.gserviceaccount.com" },
      /push service account/,
    ],
    ["an unverified email", { audience: AUDIENCE, email: EMAIL, emailVerified: false }, /email_verified/],
    [
      "an expired token",
      { audience: AUDIENCE, email: EMAIL, issuedAt: new Date(Date.now() - 2 * 3600_000), expiresInS: 3600 },
      /expired/,
    ],
    [
      "a token living over a day",
      { audience: AUDIENCE, email: EMAIL, expiresInS: 3 * 86_400 },
      /longer than a day/,
    ],
  ])("refuses %s, naming the rule", async (_, claims, reason) => {
    const token = await issuer.signPushToken(claims);

    expect(await refusal(verifierOf(), token)).toMatch(reason);
  });

  it("refuses a token signed by a key Google does not publish, and one claiming Google's key id", async () => {
    const foreign = await stranger.signPushToken({ audience: AUDIENCE, email: EMAIL });
    const forged = await stranger.signPushToken({ audience: AUDIENCE, email: EMAIL, kid: issuer.kid });

    expect(await refusal(verifierOf(), foreign)).toMatch(/key Google does not publish/);
    expect(await refusal(verifierOf(), forged)).toMatch(/signature does not verify/);
  });

  it.each([undefined, "", "Basic dXNlcjpwYXNz", "Bearer"])(
    "refuses the header %o as no bearer token",
    async (header) => {
      await expect(verifierOf().verify(header)).rejects.toThrow(
        new UnauthorizedError("the push has no bearer token"),
      );
    },
  );

  it("refuses what is not a JWT", async () => {
    expect(await refusal(verifierOf(), "not-a-jwt")).toMatch(/not a JWT/);
  });

  it("fetches the certificates once and keeps them by their Cache-Control", async () => {
    const local = await GoogleOidcIssuerSandbox.start();
    const verifier = new PubSubPushVerifier({ audience: AUDIENCE, email: EMAIL, certsUrl: local.certsUrl });
    try {
      for (let i = 0; i < 3; i++)
        await verifier.verify(`Bearer ${await local.signPushToken({ audience: AUDIENCE, email: EMAIL })}`);

      expect(local.certsRequests).toBe(1);
    } finally {
      await local.close();
    }
  });

  it("answers 503, not 401, when Google's certificates cannot be fetched", async () => {
    const local = await GoogleOidcIssuerSandbox.start();
    const token = await local.signPushToken({ audience: AUDIENCE, email: EMAIL });
    const certsUrl = local.certsUrl.replace("/oauth2/v1/certs", "/nowhere");
    await local.close();

    await expect(verifierOf(certsUrl).verify(`Bearer ${token}`)).rejects.toBeInstanceOf(UnavailableError);
  });

  it("keeps one key across restarts when given a directory", async () => {
    const directory = join(await mkdtemp(join(tmpdir(), "roster-oidc-test-")), "keys");
    const first = await GoogleOidcIssuerSandbox.start({ directory });
    const second = await GoogleOidcIssuerSandbox.start({ directory });
    try {
      const token = await first.signPushToken({ audience: AUDIENCE, email: EMAIL });

      expect(second.kid).toBe(first.kid);
      await expect(verifierOf(second.certsUrl).verify(`Bearer ${token}`)).resolves.toBeUndefined();
    } finally {
      await Promise.all([first.close(), second.close()]);
      await rm(join(directory, ".."), { recursive: true, force: true });
    }
  });
});
