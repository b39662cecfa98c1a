import { ValidationError } from "../../../platform/errors/app.errors.ts";
import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { type BalanceSettings, checkLowBalanceAlert } from "../../domain/balance-settings.ts";
import { UserNotFoundError } from "../../domain/user.errors.ts";
import type { BalanceSettingsRepository } from "../../ports/balance-settings.repository.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { balanceSettingsChanged } from "../profile/user.events.ts";

export interface SetBalanceSettingsDeps extends AfterCommitDeps {
  readonly users: UserRepository;
  readonly balanceSettings: BalanceSettingsRepository;
  readonly clock: Clock;
}

/** Sets the low balance alert; the first write's `created_at` is kept. */
export async function setBalanceSettings(
  deps: SetBalanceSettingsDeps,
  principal: Principal | undefined,
  userId: string,
  input: { readonly low_balance_alert: number },
): Promise<BalanceSettings> {
  requireSelfOr(principal, userId);
  const alert = checkLowBalanceAlert(input.low_balance_alert);
  if (!alert.ok) throw new ValidationError([{ path: "low_balance_alert", message: alert.reason }]);
  if (!(await deps.users.current(userId))) throw new UserNotFoundError(userId);
  const settings = await deps.balanceSettings.save(userId, alert.value, deps.clock.now().toISOString());
  await publishAfterCommit(deps, [balanceSettingsChanged(settings, deps.clock.now())]);
  return settings;
}
