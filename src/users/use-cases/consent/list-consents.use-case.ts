import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import type { Consent } from "../../domain/consent.ts";
import { UserNotFoundError } from "../../domain/user.errors.ts";
import type { ConsentRepository } from "../../ports/consent.repository.ts";
import type { UserRepository } from "../../ports/user.repository.ts";

export interface ListConsentsDeps {
  readonly users: UserRepository;
  readonly consents: ConsentRepository;
}

/** The user's consents of every key, newest first, for the user themself, a service or an operator. */
export async function listConsents(
  deps: ListConsentsDeps,
  principal: Principal | undefined,
  userId: string,
  page: PageRequest,
): Promise<Page<Consent>> {
  requireSelfOr(principal, userId);
  // A cursor was issued for a user that existed; only the first page pays for the check.
  if (!page.cursor && !(await deps.users.current(userId))) throw new UserNotFoundError(userId);
  return deps.consents.listByUser(userId, page);
}
