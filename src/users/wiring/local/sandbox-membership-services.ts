import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import { GrowthbookMembershipCatalog } from "../../adapters/growthbook/membership-catalog.growthbook.ts";
import { SandboxFloatService } from "../../adapters/sandbox/float-service.sandbox.ts";
import { SandboxIdentityAccounts } from "../../adapters/sandbox/identity-accounts.sandbox.ts";
import { SandboxPaymentService } from "../../adapters/sandbox/payment-service.sandbox.ts";
import { SandboxSubscriptionService } from "../../adapters/sandbox/subscription-service.sandbox.ts";
import { SandboxUnderwritingService } from "../../adapters/sandbox/underwriting-service.sandbox.ts";

/**
 * The small local world the membership lifecycle talks to: stateful sandboxes in the embedded store
 * (happy path by default, steered by user id: src/users/README.md, "Sandboxes and their steering") and
 * the Growthbook features file shipped in config/growthbook. The sandboxes are returned by their own
 * types, so tests can read ledgers.
 */
export async function sandboxMembershipServices(options: {
  readonly store: TableStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}) {
  const { store, clock, ids } = options;
  return {
    subscriptions: new SandboxSubscriptionService({ store, clock, ids }),
    payments: new SandboxPaymentService({ store, clock, ids }),
    floats: new SandboxFloatService({ store }),
    underwriting: new SandboxUnderwritingService({ store, clock }),
    catalog: await GrowthbookMembershipCatalog.fromFeaturesFile(),
    accounts: new SandboxIdentityAccounts({ store, clock }),
  };
}
