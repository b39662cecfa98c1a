import { Environment, SignedDataVerifier, VerificationException } from "@apple/app-store-server-library";
import type { StoreEnvironment } from "../../domain/store-subscription.ts";

/** An app Roster serves on the App Store. `appAppleId` is required to verify Production data. */
export interface AppleApp {
  readonly bundleId: string;
  readonly appAppleId?: number;
}

export interface AppleVerifiersOptions {
  /** DER root certificates: Apple's (`loadAppleRootCertificates`), or the sandbox's test root. */
  readonly rootCertificates: readonly Buffer[];
  readonly apps: readonly AppleApp[];
  readonly environments: readonly StoreEnvironment[];
  /**
   * OCSP revocation checks and certificate validity at the current time: on in production. Off, the
   * library checks validity at the payload's own signedDate and asks nobody (tests, the local process).
   */
  readonly onlineChecks: boolean;
}

export function libraryEnvironment(environment: StoreEnvironment): Environment {
  return environment === "production" ? Environment.PRODUCTION : Environment.SANDBOX;
}

/** Apple's environment name to Roster's; Xcode and local StoreKit testing are no store environment. */
export function storeEnvironmentOf(environment: unknown): StoreEnvironment | undefined {
  if (environment === Environment.PRODUCTION) return "production";
  if (environment === Environment.SANDBOX) return "sandbox";
  return undefined;
}

/** A verifier and what it checks the data against. */
export interface ChosenVerifier {
  readonly verifier: SignedDataVerifier;
  readonly bundleId: string;
  readonly environment: StoreEnvironment;
}

/**
 * One `SignedDataVerifier` per (bundle id, environment): the library checks both against one configured
 * value, so a Production verifier refuses Sandbox data (app-store-server-library-node#227) and the
 * environment must be chosen before verifying.
 */
export class AppleSignedDataVerifiers {
  readonly #verifiers = new Map<string, ChosenVerifier>();

  constructor(options: AppleVerifiersOptions) {
    if (options.rootCertificates.length === 0) throw new Error("Apple verification needs a root certificate");
    for (const app of options.apps)
      for (const environment of options.environments) {
        if (environment === "production" && app.appAppleId === undefined)
          throw new Error(`the app ${app.bundleId} needs its appAppleId to verify Production data`);
        const verifier = new SignedDataVerifier(
          [...options.rootCertificates],
          options.onlineChecks,
          libraryEnvironment(environment),
          app.bundleId,
          environment === "production" ? app.appAppleId : undefined,
        );
        this.#verifiers.set(key(app.bundleId, environment), {
          verifier,
          bundleId: app.bundleId,
          environment,
        });
      }
    if (this.#verifiers.size === 0) throw new Error("Apple verification needs an app and an environment");
  }

  get(bundleId: string, environment: StoreEnvironment): SignedDataVerifier | undefined {
    return this.#verifiers.get(key(bundleId, environment))?.verifier;
  }

  /**
   * The verifier for what an unverified payload claims, else one that will refuse it: of the same app in
   * another environment, else any. So the library, after the signature, names the rule broken (the wrong
   * environment, the wrong app), and nothing is refused on unverified data alone.
   */
  closest(bundleId: string | undefined, environment: StoreEnvironment | undefined): ChosenVerifier {
    const entries = [...this.#verifiers.values()];
    const chosen =
      entries.find((e) => e.bundleId === bundleId && e.environment === environment) ??
      entries.find((e) => e.bundleId === bundleId) ??
      entries[0];
    return chosen as ChosenVerifier;
  }
}

function key(bundleId: string, environment: StoreEnvironment): string {
  return `${bundleId}\u0000${environment}`;
}

/**
 * The rule a `VerificationException` says was broken, for a person (never the payload). Status 5 (chain
 * length) never reaches callers: the library rewraps it as 6.
 */
export function verificationReason(error: VerificationException): string {
  switch (error.status) {
    case 1:
      return "the signature or its certificate chain does not verify against the trusted root certificates";
    case 3:
      return "it is for an app this service does not serve (bundleId or appAppleId)";
    case 4:
      return "it is for an environment this service does not accept";
    case 5:
    case 6:
      return "its x5c certificate chain is not a readable chain of three certificates";
    case 7:
      return "its payload does not have the App Store's shape";
    default:
      return `it does not verify (verification status ${error.status})`;
  }
}

/** Status 2: the certificate revocation (OCSP) check could not be made now; asking again may pass. */
export function isRetryableVerification(error: unknown): error is VerificationException {
  return error instanceof VerificationException && error.status === 2;
}
