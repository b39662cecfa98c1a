import type { Clock } from "../../../platform/time/clock.port.ts";
import type { StoreApp } from "../../domain/apps.ts";
import type { BrazeApi } from "../../ports/braze.port.ts";
import type { PurchaseRepository } from "../../ports/purchase.repository.ts";
import type { SoftOptInSender } from "../../ports/soft-opt-in.port.ts";
import type { UserLinkRepository } from "../../ports/user-link.repository.ts";

/** What the change-feed workers of the purchases tables run on. */
export interface OptInDeps {
  readonly purchases: PurchaseRepository;
  readonly links: UserLinkRepository;
  readonly apps: readonly StoreApp[];
  readonly optIns: SoftOptInSender;
  /** For the apps that send a welcome email (`welcomeCampaign`); none configured, none is sent. */
  readonly braze?: BrazeApi;
  readonly clock: Clock;
}
