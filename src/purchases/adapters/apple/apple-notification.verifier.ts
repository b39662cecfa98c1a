import {
  type ResponseBodyV2DecodedPayload,
  type SignedDataVerifier,
  VerificationException,
} from "@apple/app-store-server-library";
import { InvalidNotificationError } from "../../domain/notification.errors.ts";
import type { StoreNotification } from "../../domain/notification.ts";
import { StoreApiError } from "../../domain/store-api.errors.ts";
import type { StoreEnvironment } from "../../domain/store-subscription.ts";
import type { AppleNotificationVerifier } from "../../ports/app-store.port.ts";
import { appleNotificationOutcome } from "./apple-notification-types.ts";
import {
  AppleSignedDataVerifiers,
  type AppleVerifiersOptions,
  isRetryableVerification,
  storeEnvironmentOf,
  verificationReason,
} from "./apple-signed-data.verifiers.ts";

/**
 * App Store Server Notifications V2 verified with Apple's own `SignedDataVerifier`: the x5c chain up to
 * the configured roots, the ES256 signature, then bundle id, app Apple id and environment. The payload is
 * read unverified only to choose which verifier to ask; nothing of it is trusted before that verifier
 * accepted it, and no error message repeats it.
 */
export class AppleNotificationJwsVerifier implements AppleNotificationVerifier {
  readonly #verifiers: AppleSignedDataVerifiers;

  constructor(options: AppleVerifiersOptions) {
    this.#verifiers = new AppleSignedDataVerifiers(options);
  }

  async verify(signedPayload: string): Promise<StoreNotification> {
    const claimed = peek(signedPayload);
    // The library checked the payload's bundle id and environment against this verifier's: they are its.
    const { verifier, environment } = this.#verifiers.closest(claimed.bundleId, claimed.environment);
    // A Production verifier checks the app Apple id before the environment, and Sandbox data has none:
    // status 3 for what is the wrong environment. The signature verified by then, so the claim is Apple's.
    const wrongEnvironment = (error: VerificationException) =>
      error.status === 3 && claimed.environment && claimed.environment !== environment
        ? `it is for the App Store's ${claimed.environment} environment, which this service does not accept`
        : undefined;
    const payload = await verified(
      "signedPayload",
      () => verifier.verifyAndDecodeNotification(signedPayload),
      wrongEnvironment,
    );
    const storeId = await originalTransactionIdOf(verifier, payload);
    const type = required(payload.notificationType, "notificationType");
    return {
      platform: "apple",
      notificationId: required(payload.notificationUUID, "notificationUUID"),
      type: payload.subtype ? `${type}.${payload.subtype}` : type,
      app: required(appOf(payload), "data.bundleId"),
      environment,
      sentAt: new Date(required(payload.signedDate, "signedDate")),
      ...(storeId ? { storeId } : {}),
      outcome: appleNotificationOutcome(type, storeId !== undefined),
    };
  }
}

/** The transaction inside is signed on its own, and verified as such before its id is believed. */
async function originalTransactionIdOf(
  verifier: SignedDataVerifier,
  payload: ResponseBodyV2DecodedPayload,
): Promise<string | undefined> {
  const signed = payload.data?.signedTransactionInfo;
  if (!signed) return undefined;
  const transaction = await verified("data.signedTransactionInfo", () =>
    verifier.verifyAndDecodeTransaction(signed),
  );
  return required(transaction.originalTransactionId, "data.signedTransactionInfo.originalTransactionId");
}

async function verified<T>(
  field: string,
  verify: () => Promise<T>,
  reasonFor: (error: VerificationException) => string | undefined = () => undefined,
): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    if (isRetryableVerification(error))
      throw new StoreApiError(`${field}: Apple's certificate revocation check (OCSP) could not be made`, {
        retryable: true,
      });
    if (error instanceof VerificationException)
      throw new InvalidNotificationError(
        `${field} is refused: ${reasonFor(error) ?? verificationReason(error)}`,
      );
    throw error;
  }
}

function appOf(payload: ResponseBodyV2DecodedPayload): string | undefined {
  return (
    payload.data?.bundleId ??
    payload.summary?.bundleId ??
    payload.appData?.bundleId ??
    payload.externalPurchaseToken?.bundleId
  );
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === null || value === "")
    throw new InvalidNotificationError(`the verified notification has no ${field}`);
  return value;
}

interface Claimed {
  readonly bundleId: string | undefined;
  readonly environment: StoreEnvironment | undefined;
}

/** What the payload says about itself, unverified: only to pick the verifier. */
function peek(signedPayload: string): Claimed {
  const parts = signedPayload.split(".");
  const notJws = new InvalidNotificationError("signedPayload is not a JWS");
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) throw notJws;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(parts[1] as string, "base64url").toString("utf8"));
  } catch {
    throw notJws;
  }
  if (typeof body !== "object" || body === null) throw notJws;
  const payload = body as ResponseBodyV2DecodedPayload;
  const scope = payload.data ?? payload.summary ?? payload.appData;
  return {
    bundleId: typeof appOf(payload) === "string" ? appOf(payload) : undefined,
    environment: storeEnvironmentOf(scope?.environment),
  };
}
