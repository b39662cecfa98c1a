/** The Subscription Service's name in its resources (`dev-subscription-service-api`) and in Powertools. */
import { type StageConfig, serviceName } from "../shared/stage.config.ts";

export const SUBSCRIPTION_SERVICE = "subscription-service";

/** `{stage}-subscription-service-{suffix}`. */
export function subscriptionServiceName(config: Pick<StageConfig, "stage">, suffix: string): string {
  return serviceName(config, SUBSCRIPTION_SERVICE, suffix);
}

/** The one Payment Service route the billing runner calls (contracts/payments PAYMENT_PATHS.charges). */
export const PAYMENT_ROUTES = [["POST", "/payments/users/*/charges"]] as const;

/** The User Service routes the runner's follow-ups call (contracts/users MEMBERSHIP_PATHS). */
export const USER_ROUTES = [
  ["POST", "/*/membership/downgrade/finalize"],
  ["POST", "/*/membership/cancel"],
  ["POST", "/*/membership/cancel/complete"],
] as const;
