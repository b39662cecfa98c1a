import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppleNotificationJwsVerifier } from "../../../src/purchases/adapters/apple/apple-notification.verifier.ts";
import { AppStoreSandbox } from "../../../src/purchases/adapters/sandbox/app-store.sandbox.ts";
import { MemoryAppStoreSandboxState } from "../../../src/purchases/adapters/sandbox/app-store-sandbox.state.ts";
import { AppleJwsSigner } from "../../../src/purchases/adapters/sandbox/apple-jws.signer.ts";
import { loadOrCreateAppleTestChain } from "../../../src/purchases/adapters/sandbox/apple-test-chain.ts";

const NOW = new Date("2026-06-01T12:00:00Z");

/** The local data folder keeps the test chain, so a restarted process signs with the root it trusts. */
describe("the test chain of the local data folder", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "roster-apple-chain-test-"));
  });
  afterEach(async () => rm(directory, { recursive: true, force: true }));

  it("is made once and read back, still signing what the first root verifies", async () => {
    const made = await loadOrCreateAppleTestChain(join(directory, "apple"), NOW);

    const read = await loadOrCreateAppleTestChain(join(directory, "apple"), NOW);
    const sandbox = new AppStoreSandbox({
      state: new MemoryAppStoreSandboxState(),
      signer: new AppleJwsSigner(read),
    });
    const bought = await sandbox.buy({
      bundleId: "com.roster.app",
      productId: "roster.premium.monthly",
      environment: "sandbox",
      periodMs: 30 * 86_400_000,
      // Months past the chain's making, as a moved local clock would be.
      now: new Date(NOW.getTime() + 400 * 86_400_000),
    });
    const verifier = new AppleNotificationJwsVerifier({
      rootCertificates: [made.rootDer],
      apps: [{ bundleId: "com.roster.app" }],
      environments: ["sandbox"],
      onlineChecks: false,
    });

    expect(read.rootDer).toEqual(made.rootDer);
    expect(read.leafDer).toEqual(made.leafDer);
    await expect(verifier.verify(bought.body.signedPayload)).resolves.toMatchObject({
      type: "SUBSCRIBED.INITIAL_BUY",
    });
  });
});
