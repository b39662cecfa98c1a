import { createPrivateKey, type KeyObject, webcrypto, X509Certificate } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadX509 } from "./apple-x509.loader.ts";

/**
 * A local stand-in for Apple's signing chain: a self-signed P-256 root, an intermediate CA and a leaf,
 * carrying the two marker extensions `SignedDataVerifier` insists on (Apple's "Apple Worldwide Developer
 * Relations" intermediate OID and its App Store receipt-signing leaf OID). Trusted only by a verifier given
 * this root: never by one with Apple's roots, so the sandbox cannot forge production data.
 */
export interface AppleTestChain {
  readonly rootDer: Buffer;
  readonly intermediateDer: Buffer;
  readonly leafDer: Buffer;
  /** The leaf's P-256 private key: what signs the sandbox's JWS. */
  readonly leafPrivateKey: KeyObject;
}

/** 1.2.840.113635.100.6.2.1: the intermediate's marker (jws_verification.ts checks it is present). */
export const APPLE_INTERMEDIATE_OID = "1.2.840.113635.100.6.2.1";
/** 1.2.840.113635.100.6.11.1: the leaf's marker. */
export const APPLE_LEAF_OID = "1.2.840.113635.100.6.11.1";

const DER_NULL = new Uint8Array([0x05, 0x00]);
const YEAR_MS = 365 * 86_400_000;
const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING = { name: "ECDSA", hash: "SHA-256" } as const;
const FILES = { root: "root.pem", intermediate: "intermediate.pem", leaf: "leaf.pem", key: "leaf-key.pem" };

/**
 * Back-dated a year and valid twenty: the local clock may be moved months ahead, and offline
 * verification checks validity at the payload's signedDate, which follows that clock.
 */
export async function createAppleTestChain(options: { readonly now: Date }): Promise<AppleTestChain> {
  const x509 = await loadX509();
  const crypto = webcrypto as unknown as NonNullable<
    Parameters<typeof x509.X509CertificateGenerator.create>[1]
  >;
  const notBefore = new Date(options.now.getTime() - YEAR_MS);
  const notAfter = new Date(notBefore.getTime() + 20 * YEAR_MS);
  const [rootKeys, intermediateKeys, leafKeys] = await Promise.all(
    [0, 1, 2].map(
      () => crypto.subtle.generateKey(EC, true, ["sign", "verify"]) as Promise<webcrypto.CryptoKeyPair>,
    ),
  );
  if (!rootKeys || !intermediateKeys || !leafKeys) throw new Error("the test chain's keys were not made");
  const validity = { notBefore, notAfter, signingAlgorithm: SIGNING };
  const root = await x509.X509CertificateGenerator.createSelfSigned(
    {
      ...validity,
      name: "CN=Roster Sandbox Root CA - G3, O=Roster Sandbox",
      keys: rootKeys,
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
    },
    crypto,
  );
  const intermediate = await x509.X509CertificateGenerator.create(
    {
      ...validity,
      subject: "CN=Roster Sandbox Worldwide Developer Relations, O=Roster Sandbox",
      issuer: root.subject,
      publicKey: intermediateKeys.publicKey,
      signingKey: rootKeys.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.Extension(APPLE_INTERMEDIATE_OID, false, DER_NULL),
      ],
    },
    crypto,
  );
  const leaf = await x509.X509CertificateGenerator.create(
    {
      ...validity,
      subject: "CN=Roster Sandbox App Store Signing, O=Roster Sandbox",
      issuer: intermediate.subject,
      publicKey: leafKeys.publicKey,
      signingKey: intermediateKeys.privateKey,
      extensions: [new x509.Extension(APPLE_LEAF_OID, false, DER_NULL)],
    },
    crypto,
  );
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey("pkcs8", leafKeys.privateKey));
  return {
    rootDer: Buffer.from(root.rawData),
    intermediateDer: Buffer.from(intermediate.rawData),
    leafDer: Buffer.from(leaf.rawData),
    leafPrivateKey: createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" }),
  };
}

/**
 * The chain of the local data folder: read from its PEM files when they are there, else made and
 * written, so a restarted local process (and the CLI beside it) signs with the root its verifier trusts.
 */
export async function loadOrCreateAppleTestChain(dir: string, now: Date): Promise<AppleTestChain> {
  const existing = await readChain(dir);
  if (existing) return existing;
  const chain = await createAppleTestChain({ now });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, FILES.root), pemOf(chain.rootDer));
  await writeFile(join(dir, FILES.intermediate), pemOf(chain.intermediateDer));
  await writeFile(join(dir, FILES.leaf), pemOf(chain.leafDer));
  await writeFile(join(dir, FILES.key), chain.leafPrivateKey.export({ type: "pkcs8", format: "pem" }), {
    mode: 0o600,
  });
  return chain;
}

async function readChain(dir: string): Promise<AppleTestChain | undefined> {
  try {
    const [root, intermediate, leaf, key] = await Promise.all(
      [FILES.root, FILES.intermediate, FILES.leaf, FILES.key].map((name) =>
        readFile(join(dir, name), "utf8"),
      ),
    );
    return {
      rootDer: derOf(root as string),
      intermediateDer: derOf(intermediate as string),
      leafDer: derOf(leaf as string),
      leafPrivateKey: createPrivateKey(key as string),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function pemOf(der: Buffer): string {
  return new X509Certificate(der).toString();
}

function derOf(pem: string): Buffer {
  return Buffer.from(new X509Certificate(pem).raw);
}
