/** The User Service's name in its resources (seed 000: `prod-user-service-api`) and in Powertools. */
import { SUBSCRIPTION_ACTIONS } from "../../../src/contracts/subscriptions/subscriptions.http.ts";
import { type StageConfig, serviceName } from "../shared/stage.config.ts";

export const USER_SERVICE = "user-service";

/** `{stage}-user-service-{suffix}`. */
export function userServiceName(config: Pick<StageConfig, "stage">, suffix: string): string {
  return serviceName(config, USER_SERVICE, suffix);
}

/** The routes of the Payment Service's API the User Service's client calls (contracts/payments PAYMENT_PATHS). */
export const PAYMENT_ROUTES = [
  ["POST", "/payments/users/*/charges"],
  ["POST", "/payments/charges/*/refunds"],
  ["GET", "/payments/users/*/debit-card"],
] as const;

/**
 * The routes of the Subscription Service's API the User Service's client calls (contracts/subscriptions
 * SUBSCRIPTION_PATHS under the service's `/subscriptions` segment): the subscription, each action on it,
 * its current period.
 */
export const SUBSCRIPTION_ROUTES: readonly (readonly [string, string])[] = [
  ["POST", "/subscriptions/users/*/subscription"],
  ...SUBSCRIPTION_ACTIONS.map((action) => ["POST", `/subscriptions/users/*/subscription/${action}`] as const),
  ["GET", "/subscriptions/users/*/subscription/current-period"],
];
