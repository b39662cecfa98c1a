import { CompactSign } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { AppleNotificationJwsVerifier } from "../../../src/purchases/adapters/apple/apple-notification.verifier.ts";
import { AppStoreSandbox } from "../../../src/purchases/adapters/sandbox/app-store.sandbox.ts";
import { MemoryAppStoreSandboxState } from "../../../src/purchases/adapters/sandbox/app-store-sandbox.state.ts";
import { AppleJwsSigner } from "../../../src/purchases/adapters/sandbox/apple-jws.signer.ts";
import {
  type AppleTestChain,
  createAppleTestChain,
} from "../../../src/purchases/adapters/sandbox/apple-test-chain.ts";
import { InvalidNotificationError } from "../../../src/purchases/domain/notification.errors.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const BUNDLE = "com.roster.app";
const MONTH = 30 * 86_400_000;

/**
 * The notification verifier on Apple's real SignedDataVerifier, given the sandbox's test root instead
 * of Apple's: what the sandbox signs is accepted, and each broken rule is refused with its reason.
 */
describe("the App Store notification verifier", () => {
  let chain: AppleTestChain;
  let sandbox: AppStoreSandbox;
  let verifier: AppleNotificationJwsVerifier;
  beforeAll(async () => {
    chain = await createAppleTestChain({ now: NOW });
    sandbox = new AppStoreSandbox({
      state: new MemoryAppStoreSandboxState(),
      signer: new AppleJwsSigner(chain),
    });
    verifier = verifierTrusting(chain.rootDer, ["sandbox"]);
  });

  const verifierTrusting = (root: Buffer, environments: ("production" | "sandbox")[]) =>
    new AppleNotificationJwsVerifier({
      rootCertificates: [root],
      apps: [{ bundleId: BUNDLE, appAppleId: 1_234_567_890 }],
      environments,
      onlineChecks: false,
    });
  const buy = () =>
    sandbox.buy({
      bundleId: BUNDLE,
      productId: "roster.premium.monthly",
      environment: "sandbox",
      periodMs: MONTH,
      now: NOW,
    });

  it("accepts a purchase signed by the chain and reads what it is about", async () => {
    const bought = await buy();

    const notification = await verifier.verify(bought.body.signedPayload);

    expect(notification).toEqual({
      platform: "apple",
      notificationId: bought.notificationUUID,
      type: "SUBSCRIBED.INITIAL_BUY",
      app: BUNDLE,
      environment: "sandbox",
      sentAt: NOW,
      storeId: bought.originalTransactionId,
      outcome: "fetch",
    });
  });

  it("accepts a test notification, with nothing to fetch", async () => {
    const test = await sandbox.sendTest({ bundleId: BUNDLE, environment: "sandbox" }, NOW);

    const notification = await verifier.verify(test.body.signedPayload);

    expect(notification).toMatchObject({ type: "TEST", outcome: "record" });
    expect(notification.storeId).toBeUndefined();
  });

  it("reads a type without a subtype as the type alone", async () => {
    const bought = await buy();
    const refunded = await sandbox.refund(bought.originalTransactionId as string, NOW);

    expect((await verifier.verify(refunded.body.signedPayload)).type).toBe("REFUND");
  });

  const refusals: [
    string,
    () => Promise<{ verifier: AppleNotificationJwsVerifier; payload: string }>,
    RegExp,
  ][] = [
    [
      "a tampered payload",
      async () => {
        const [header, body, signature] = (await buy()).body.signedPayload.split(".") as [
          string,
          string,
          string,
        ];
        const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
        const forged = Buffer.from(
          JSON.stringify({ ...claims, notificationType: "REFUND_REVERSED" }),
        ).toString("base64url");
        return { verifier, payload: `${header}.${forged}.${signature}` };
      },
      /signature or its certificate chain does not verify/,
    ],
    [
      "a chain of another root",
      async () => ({
        verifier: verifierTrusting((await createAppleTestChain({ now: NOW })).rootDer, ["sandbox"]),
        payload: (await buy()).body.signedPayload,
      }),
      /signature or its certificate chain does not verify/,
    ],
    [
      "a chain of two certificates",
      async () => ({
        verifier,
        payload: await signedWithShortChain(chain, (await buy()).body.signedPayload),
      }),
      /x5c certificate chain/,
    ],
    [
      "a sandbox notification to a production-only service",
      async () => ({
        verifier: verifierTrusting(chain.rootDer, ["production"]),
        payload: (await buy()).body.signedPayload,
      }),
      /sandbox environment, which this service does not accept/,
    ],
    [
      "another app's notification",
      async () => {
        const other = await sandbox.buy({
          bundleId: "com.someone.else",
          productId: "other.monthly",
          environment: "sandbox",
          periodMs: MONTH,
          now: NOW,
        });
        return { verifier, payload: other.body.signedPayload };
      },
      /an app this service does not serve/,
    ],
    [
      "a string that is not a JWS",
      async () => ({ verifier, payload: "not-a-jws" }),
      /signedPayload is not a JWS/,
    ],
  ];

  it.each(refusals)("refuses %s, naming the rule and not the payload", async (_, arrange, reason) => {
    const { verifier: refusing, payload } = await arrange();

    const error = await refusing.verify(payload).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidNotificationError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain(payload.slice(0, 40));
  });
});

/** The same claims signed by the leaf, with only the leaf and the intermediate in x5c. */
async function signedWithShortChain(chain: AppleTestChain, signedPayload: string): Promise<string> {
  const claims = Buffer.from(signedPayload.split(".")[1] as string, "base64url");
  return new CompactSign(claims)
    .setProtectedHeader({
      alg: "ES256",
      x5c: [chain.leafDer, chain.intermediateDer].map((d) => d.toString("base64")),
    })
    .sign(chain.leafPrivateKey);
}
