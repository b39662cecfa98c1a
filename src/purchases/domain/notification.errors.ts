/**
 * A store notification Roster refuses: a body that is not the store's shape, a JWS that does not verify,
 * the wrong app or environment. `reason` names what, never the payload.
 */
export class InvalidNotificationError extends Error {
  override readonly name = "InvalidNotificationError";
}
