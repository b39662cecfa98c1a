import { NotFoundError } from "../../platform/errors/app.errors.ts";

export class BalanceSettingsNotFoundError extends NotFoundError {
  override readonly name = "BalanceSettingsNotFoundError";
  constructor(userId: string) {
    super(`user ${userId} has no balance settings yet; set them with PUT /${userId}/balance-settings`);
  }
}
