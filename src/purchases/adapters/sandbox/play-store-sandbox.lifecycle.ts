import type { SandboxSubscriptionState } from "./play-store-sandbox.state.ts";

/** The local Google Play's lifecycle as data: which operation starts from which state, what it notifies. */
export type Operation =
  | "renew"
  | "enterGrace"
  | "hold"
  | "pause"
  | "cancel"
  | "expire"
  | "revoke"
  | "upgrade";
type State = SandboxSubscriptionState;

/** The states each operation starts from, as data: a refusal names the purchase's current state. */
export const FROM: Readonly<Record<Operation, readonly State[]>> = {
  renew: ["ACTIVE", "IN_GRACE_PERIOD", "ON_HOLD", "PAUSED"],
  enterGrace: ["ACTIVE"],
  hold: ["ACTIVE", "IN_GRACE_PERIOD"],
  pause: ["ACTIVE"],
  cancel: ["ACTIVE", "IN_GRACE_PERIOD", "ON_HOLD", "PAUSED"],
  expire: ["PENDING", "ACTIVE", "PAUSED", "IN_GRACE_PERIOD", "ON_HOLD", "CANCELED"],
  revoke: ["ACTIVE", "PAUSED", "IN_GRACE_PERIOD", "ON_HOLD", "CANCELED", "EXPIRED"],
  upgrade: ["ACTIVE", "CANCELED"],
};

/** subscriptionNotification.notificationType numbers (play-notification-types.ts names them). */
export const TYPE = {
  RECOVERED: 1,
  RENEWED: 2,
  CANCELED: 3,
  PURCHASED: 4,
  ON_HOLD: 5,
  GRACE: 6,
  PAUSED: 10,
  EXPIRED: 13,
};
