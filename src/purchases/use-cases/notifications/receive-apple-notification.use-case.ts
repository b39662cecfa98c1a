import { UnavailableError, ValidationError } from "../../../platform/errors/app.errors.ts";
import { InvalidNotificationError } from "../../domain/notification.errors.ts";
import { StoreApiError } from "../../domain/store-api.errors.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";
import { type NotificationReceipt, receiveNotification } from "./receive-notification.use-case.ts";

/** The fields only App Store Server Notifications V1 have (the model's `notification_type` body). */
const V1_FIELDS = ["notification_type", "unified_receipt", "auto_renew_status", "password"];

/**
 * `POST /apple/pubsub`: App Store Server Notifications V2. The body must be `{ signedPayload }`; a V1
 * body is refused with a 400 that says how to switch, a JWS that does not verify is a 400 naming the
 * rule it broke, and nothing is recorded for either. OCSP unreachable is a 503 (Apple retries).
 */
export async function receiveAppleNotification(
  deps: Pick<PurchasesDeps, "apple" | "notifications" | "fetchQueue" | "clock">,
  body: unknown,
): Promise<NotificationReceipt> {
  const signedPayload = signedPayloadOf(body);
  try {
    return await receiveNotification(deps, await deps.apple.verifier.verify(signedPayload));
  } catch (error) {
    if (error instanceof InvalidNotificationError)
      throw new ValidationError([{ path: "signedPayload", message: error.message }]);
    if (error instanceof StoreApiError && error.retryable)
      throw new UnavailableError(`the notification could not be verified now: ${error.reason}`);
    throw error;
  }
}

function signedPayloadOf(body: unknown): string {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new ValidationError([{ path: "", message: "the body must be a JSON object { signedPayload }" }]);
  const fields = body as Record<string, unknown>;
  if (V1_FIELDS.some((name) => name in fields))
    throw new ValidationError([
      {
        path: "notification_type",
        message:
          "App Store Server Notifications V1 are not accepted: set the server notification URL to Version 2 in App Store Connect",
      },
    ]);
  const payload = fields.signedPayload;
  if (typeof payload !== "string" || payload.length === 0)
    throw new ValidationError([
      { path: "signedPayload", message: "signedPayload must be a non-empty string" },
    ]);
  return payload;
}
