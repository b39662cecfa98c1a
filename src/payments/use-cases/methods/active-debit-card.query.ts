import { NotFoundError } from "../../../platform/errors/app.errors.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { MethodDeps } from "./method.deps.ts";

/** No active debit card: 404 with the contract's `code` (the User Service reads it as "no card"). */
export class NoActiveCardError extends NotFoundError {
  override readonly name: string = "NoActiveCardError";
  override readonly extensions = { code: "NO_ACTIVE_CARD" };
  constructor() {
    super("the user has no active debit card");
  }
}

/** GET /payments/users/{user_id}/debit-card: the card the User Service's activation asks about. */
export async function activeDebitCard(
  deps: Pick<MethodDeps, "methods">,
  principal: Principal | undefined,
  userId: string,
): Promise<{ readonly last4: string; readonly brand: string }> {
  requireSelfOr(principal, userId);
  const card = await deps.methods.activeDebitCard(userId);
  if (!card) throw new NoActiveCardError();
  return { last4: card.last4, brand: card.brand };
}
