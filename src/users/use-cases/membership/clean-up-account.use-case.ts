import type { ArrayService } from "../../ports/array-service.port.ts";
import type { CleanupMessage } from "../../ports/cleanup-queue.port.ts";
import type { IdentityAccounts } from "../../ports/identity-accounts.port.ts";
import type { MembershipRepository } from "../../ports/membership.repository.ts";
import type { TransactionsService } from "../../ports/transactions-service.port.ts";

export interface AccountCleanupDeps {
  readonly memberships: MembershipRepository;
  readonly transactions: TransactionsService;
  readonly accounts: IdentityAccounts;
  readonly array: ArrayService;
}

export type CleanupOutcome =
  | { readonly done: true; readonly plaidItemsRemoved: number }
  | { readonly done: false; readonly reason: "membership-live-again" };

/**
 * Seed 000's post-cancellation cleanup: remove the user's Plaid items (Transactions Service), block the
 * Auth0 account, schedule the Array cleanup. Every step is repeatable (a second removal removes 0, a
 * blocked account stays blocked, Array answers a repeated key as the first time), so a redelivered
 * message, or one retried after a step failed, does no harm and finishes what is left.
 *
 * A membership that is live again (reactivated after the message was sent) is not cleaned up: blocking
 * the account of a paying member would lock them out.
 */
export async function cleanUpAccount(
  deps: AccountCleanupDeps,
  message: CleanupMessage,
): Promise<CleanupOutcome> {
  const current = await deps.memberships.current(message.user_id);
  if (current && current.membership_status !== "CANCELLED") {
    return { done: false, reason: "membership-live-again" };
  }
  const { removed } = await deps.transactions.removePlaidItems(message.user_id);
  await deps.accounts.block(message.user_id);
  await deps.array.scheduleCleanup(message.user_id, `cleanup:${message.user_id}:${message.requested_at}`);
  return { done: true, plaidItemsRemoved: removed };
}
