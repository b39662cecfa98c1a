/** The Payment Service's name in its resources (`dev-payment-service-api`) and in Powertools. */
import { type StageConfig, serviceName } from "../shared/stage.config.ts";

export const PAYMENT_SERVICE = "payment-service";

/** `{stage}-payment-service-{suffix}`. */
export function paymentServiceName(config: Pick<StageConfig, "stage">, suffix: string): string {
  return serviceName(config, PAYMENT_SERVICE, suffix);
}
