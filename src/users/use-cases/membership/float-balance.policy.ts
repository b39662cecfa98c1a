import { ConflictError } from "../../../platform/errors/app.errors.ts";
import type { FloatService, OutstandingBalance } from "../../ports/float-service.port.ts";

/** The outstanding float balance refuses cancellations, closures and reactivations (409 with the amount). */
export async function requireNoFloatBalance(
  deps: { readonly floats: FloatService },
  userId: string,
  action: string,
): Promise<void> {
  const refusal = floatRefusal(await deps.floats.outstandingBalance(userId), action);
  if (refusal) throw new ConflictError(refusal);
}

/** Why `action` is refused for this balance, in the words the refusal (and its preview) gives; none at 0. */
export function floatRefusal(balance: OutstandingBalance, action: string): string | undefined {
  if (balance.amountCents <= 0) return undefined;
  const amount = `${(balance.amountCents / 100).toFixed(2)} ${balance.currency}`;
  return `cannot ${action} while ${amount} (${balance.amountCents} cents) of floats is outstanding; repay it first`;
}
