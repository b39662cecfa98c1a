import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { BalanceSettingsNotFoundError } from "../../domain/balance-settings.errors.ts";
import type { BalanceSettings } from "../../domain/balance-settings.ts";
import { UserNotFoundError } from "../../domain/user.errors.ts";
import type { BalanceSettingsRepository } from "../../ports/balance-settings.repository.ts";
import type { UserRepository } from "../../ports/user.repository.ts";

export interface GetBalanceSettingsDeps {
  readonly users: UserRepository;
  readonly balanceSettings: BalanceSettingsRepository;
}

/** The user's low balance alert; 404 until it has been set (there is no default threshold). */
export async function getBalanceSettings(
  deps: GetBalanceSettingsDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<BalanceSettings> {
  requireSelfOr(principal, userId);
  // Two tables (two regions on AWS): read both at once.
  const [user, settings] = await Promise.all([deps.users.current(userId), deps.balanceSettings.get(userId)]);
  if (!user) throw new UserNotFoundError(userId);
  if (!settings) throw new BalanceSettingsNotFoundError(userId);
  return settings;
}
