import { proratedUpgradeFee } from "../../domain/proration.ts";
import type { User } from "../../domain/user.ts";
import type { BillingPeriod } from "../../ports/subscription-service.port.ts";

/** Users tagged `is_employee=true` are not charged for upgrades (issue 4); pay now charges them like anyone. */
export function isEmployee(user: User): boolean {
  const tag = user.tags.is_employee;
  return tag !== undefined && !tag.tag_archived && tag.tag_value === "true";
}

/** What an upgrade charges now: the prorated difference (src/users/README.md, "Proration"); nothing for employees. */
export function upgradeFee(user: User, period: BillingPeriod, newPriceCents: number, on: Date): number {
  if (isEmployee(user)) return 0;
  return proratedUpgradeFee({
    period: { start: new Date(period.start), end: new Date(period.end) },
    currentPriceCents: period.priceCents,
    newPriceCents,
    on,
  });
}
