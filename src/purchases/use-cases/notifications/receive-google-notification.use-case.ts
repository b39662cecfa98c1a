import { ValidationError } from "../../../platform/errors/app.errors.ts";
import { InvalidNotificationError } from "../../domain/notification.errors.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";
import { type NotificationReceipt, receiveNotification } from "./receive-notification.use-case.ts";

/**
 * `POST /google/pubsub`: a Pub/Sub push. The OIDC token is checked first (401 without a good one, and
 * nothing is read), then the envelope and its DeveloperNotification (400 naming the path). Every verified
 * notification answers 2xx, those Roster does not act on too, so Pub/Sub never redelivers them forever.
 */
export async function receiveGoogleNotification(
  deps: Pick<PurchasesDeps, "google" | "notifications" | "fetchQueue" | "clock">,
  authorization: string | undefined,
  body: unknown,
): Promise<NotificationReceipt> {
  await deps.google.verifier.verify(authorization);
  let notification: ReturnType<PurchasesDeps["google"]["decode"]>;
  try {
    notification = deps.google.decode(body);
  } catch (error) {
    if (error instanceof InvalidNotificationError)
      throw new ValidationError([{ path: "message", message: error.message }]);
    throw error;
  }
  return receiveNotification(deps, notification);
}
