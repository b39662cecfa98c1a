import type { Clock } from "../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../platform/time/id-generator.port.ts";
import type { BillingReportSource } from "../ports/billing-report.port.ts";
import type { SubscriptionStore } from "../ports/subscription.store.ts";

/** What the API's use cases run on. */
export interface SubscriptionDeps {
  readonly store: SubscriptionStore;
  readonly reports: BillingReportSource;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}
