/** The User Service's name in its resources (seed 000: `prod-user-service-api`) and in Powertools. */
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
