import { ConflictError } from "../../../platform/errors/app.errors.ts";
import type { FloatService } from "../../ports/float-service.port.ts";

/** The outstanding float balance refuses cancellations, closures and reactivations (409 with the amount). */
export async function requireNoFloatBalance(
  deps: { readonly floats: FloatService },
  userId: string,
  action: string,
): Promise<void> {
  const balance = await deps.floats.outstandingBalance(userId);
  if (balance.amountCents > 0) {
    const amount = `${(balance.amountCents / 100).toFixed(2)} ${balance.currency}`;
    throw new ConflictError(
      `cannot ${action} while ${amount} (${balance.amountCents} cents) of floats is outstanding; repay it first`,
    );
  }
}
