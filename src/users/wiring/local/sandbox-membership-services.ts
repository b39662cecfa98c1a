import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { GrowthbookMembershipCatalog } from "../../adapters/growthbook/membership-catalog.growthbook.ts";
import { SandboxFloatService } from "../../adapters/sandbox/float-service.sandbox.ts";
import { SandboxIdentityAccounts } from "../../adapters/sandbox/identity-accounts.sandbox.ts";
import { SandboxUnderwritingService } from "../../adapters/sandbox/underwriting-service.sandbox.ts";
import type { PaymentService } from "../../ports/payment-service.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";

/**
 * The small local world the membership lifecycle talks to: Roster's own Payment and Subscription
 * Services (`payments`, `subscriptions`: their HTTP clients on the in-process apps), stateful sandboxes of the systems not built yet or outside
 * Roster in the embedded store (happy path by default, steered by user id: src/users/README.md,
 * "Sandboxes and their steering") and the Growthbook features file shipped in config/growthbook. The
 * sandboxes are returned by their own types, so tests can read what they recorded.
 */
export async function sandboxMembershipServices(options: {
  readonly store: TableStore;
  readonly clock: Clock;
  readonly payments: PaymentService;
  readonly subscriptions: SubscriptionService;
}) {
  const { store, clock } = options;
  return {
    subscriptions: options.subscriptions,
    payments: options.payments,
    floats: new SandboxFloatService({ store }),
    underwriting: new SandboxUnderwritingService({ store, clock }),
    catalog: await GrowthbookMembershipCatalog.fromFeaturesFile(),
    accounts: new SandboxIdentityAccounts({ store, clock }),
  };
}
