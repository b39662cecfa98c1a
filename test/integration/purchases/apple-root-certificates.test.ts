import { X509Certificate } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APPLE_ROOT_CA_G3_URL,
  loadAppleRootCertificates,
} from "../../../src/purchases/adapters/apple/apple-root-certificates.ts";
import {
  type AppleTestChain,
  createAppleTestChain,
} from "../../../src/purchases/adapters/sandbox/apple-test-chain.ts";

/**
 * Apple's root certificates are trusted only by their pinned fingerprints: offline, a self-made root
 * stands in for a wrong download, and a folder of it is accepted only when its own pin is passed.
 */
describe("loading Apple's root certificates", () => {
  let chain: AppleTestChain;
  let directory: string;
  beforeAll(async () => {
    chain = await createAppleTestChain({ now: new Date("2026-06-01T00:00:00Z") });
  });
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "roster-apple-roots-test-"));
  });
  afterEach(async () => rm(directory, { recursive: true, force: true }));

  const serving = (bytes: Buffer, asked: string[]) =>
    (async (url: string | URL | Request) => {
      asked.push(String(url));
      return new Response(new Uint8Array(bytes), { status: 200 });
    }) as typeof fetch;

  it("downloads from Apple's certificate authority and refuses a certificate that is not Apple's root", async () => {
    const asked: string[] = [];

    const loading = loadAppleRootCertificates({ fetch: serving(chain.rootDer, asked) });

    await expect(loading).rejects.toThrow(/is not a pinned Apple root certificate/);
    expect(asked).toEqual([APPLE_ROOT_CA_G3_URL]);
  });

  it("refuses a download Apple does not answer", async () => {
    const failing = (async () => new Response("", { status: 503 })) as unknown as typeof fetch;

    await expect(loadAppleRootCertificates({ fetch: failing })).rejects.toThrow(/answered 503/);
  });

  it("accepts the certificates of a folder whose fingerprints are pinned, without downloading", async () => {
    await writeFile(join(directory, "RosterTestRoot.cer"), chain.rootDer);
    const pin = new X509Certificate(chain.rootDer).fingerprint256;
    const asked: string[] = [];

    const roots = await loadAppleRootCertificates({
      directory,
      pins: [pin],
      fetch: serving(chain.rootDer, asked),
    });

    expect(roots).toEqual([chain.rootDer]);
    expect(asked).toEqual([]);
  });

  it("refuses a folder's certificate that is not pinned, naming the file", async () => {
    await writeFile(join(directory, "AppleRootCA-G3.cer"), chain.rootDer);

    await expect(loadAppleRootCertificates({ directory })).rejects.toThrow(
      /AppleRootCA-G3\.cer .* not a pinned/,
    );
  });

  it("refuses a file that is no certificate", async () => {
    await writeFile(join(directory, "broken.cer"), Buffer.from("not a certificate"));

    await expect(loadAppleRootCertificates({ directory, pins: ["00"] })).rejects.toThrow(
      /broken\.cer is not a DER/,
    );
  });
});
