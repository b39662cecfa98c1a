import type { PurchasesDeps } from "../purchases.deps.ts";

/**
 * `GET /user/purchase-token`: the opaque id the app passes to the store at purchase (Apple's
 * `appAccountToken` must be a UUID; Google's `obfuscatedExternalAccountId` takes one), so the store's
 * state links the purchase to the user without a link call. The same user gets the same token always;
 * it says nothing about the user to anyone who sees it.
 */
export async function issueAccountToken(
  deps: Pick<PurchasesDeps, "tokens" | "ids">,
  userId: string,
): Promise<{ readonly accountToken: string }> {
  // A random UUID (the ids of production), not one derived from the user id: it must not be guessable.
  return { accountToken: await deps.tokens.tokenOf(userId, deps.ids.next()) };
}
