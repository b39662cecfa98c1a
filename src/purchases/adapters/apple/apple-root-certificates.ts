import { X509Certificate } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * SHA-256 fingerprint of "Apple Root CA - G3", the root of the App Store's signing chain, as Apple
 * publishes it at https://www.apple.com/certificateauthority/. No npm package ships Apple's root files,
 * so they are read from a folder or downloaded, and only a certificate with a pinned fingerprint is
 * trusted: a wrong file or a tampered download cannot become a trust anchor.
 */
export const APPLE_ROOT_CA_G3_SHA256 =
  "63:34:3A:BF:B8:9A:6A:03:EB:B5:7E:9B:3F:5F:A7:BE:7C:4F:5C:75:6F:30:17:B3:A8:C4:88:C3:65:3E:91:79";

export const APPLE_ROOT_CA_G3_URL = "https://www.apple.com/certificateauthority/AppleRootCA-G3.cer";

export interface AppleRootCertificatesOptions {
  /** A folder of DER (`.cer`, `.der`) or PEM (`.pem`, `.crt`) certificates; used when it holds any. */
  readonly directory?: string;
  /** Where to download from when the folder has none: Apple's certificate authority by default. */
  readonly urls?: readonly string[];
  readonly fetch?: typeof fetch;
  /** The trusted fingerprints (SHA-256, hex, any case, colons optional): Apple's G3 by default. */
  readonly pins?: readonly string[];
}

const CERTIFICATE_FILE = /\.(cer|der|pem|crt)$/i;

/** The DER root certificates to verify Apple's signed data with, each checked against the pins. */
export async function loadAppleRootCertificates(
  options: AppleRootCertificatesOptions = {},
): Promise<Buffer[]> {
  const pins = new Set((options.pins ?? [APPLE_ROOT_CA_G3_SHA256]).map(normalised));
  const found = options.directory ? await fromDirectory(options.directory) : [];
  const sources = found.length > 0 ? found : await downloaded(options);
  return sources.map(({ source, bytes }) => pinned(source, bytes, pins));
}

interface Source {
  readonly source: string;
  readonly bytes: Buffer;
}

async function fromDirectory(directory: string): Promise<Source[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files = names.filter((name) => CERTIFICATE_FILE.test(name)).sort();
  return Promise.all(
    files.map(async (name) => ({
      source: join(directory, name),
      bytes: await readFile(join(directory, name)),
    })),
  );
}

async function downloaded(options: AppleRootCertificatesOptions): Promise<Source[]> {
  const get = options.fetch ?? fetch;
  return Promise.all(
    (options.urls ?? [APPLE_ROOT_CA_G3_URL]).map(async (url) => {
      const response = await get(url);
      if (!response.ok)
        throw new Error(`downloading the Apple root certificate ${url} answered ${response.status}`);
      return { source: url, bytes: Buffer.from(await response.arrayBuffer()) };
    }),
  );
}

function pinned(source: string, bytes: Buffer, pins: ReadonlySet<string>): Buffer {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(bytes);
  } catch {
    throw new Error(`the root certificate ${source} is not a DER or PEM X.509 certificate`);
  }
  if (!pins.has(normalised(certificate.fingerprint256)))
    throw new Error(
      `the root certificate ${source} (SHA-256 ${certificate.fingerprint256}) is not a pinned Apple root certificate`,
    );
  return Buffer.from(certificate.raw);
}

function normalised(fingerprint: string): string {
  return fingerprint.replaceAll(":", "").toUpperCase();
}
