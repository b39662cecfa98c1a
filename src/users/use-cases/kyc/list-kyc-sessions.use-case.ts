import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { UserNotFoundError } from "../../domain/user.errors.ts";
import type {
  KycSessionPage,
  KycSessionPageRequest,
  TransactionsService,
} from "../../ports/transactions-service.port.ts";
import type { UserRepository } from "../../ports/user.repository.ts";

export interface ListKycSessionsDeps {
  readonly users: UserRepository;
  readonly transactions: TransactionsService;
}

/** A user's KYC sessions, newest first, a page at a time, as the Transactions Service keeps them. */
export async function listKycSessions(
  deps: ListKycSessionsDeps,
  principal: Principal | undefined,
  userId: string,
  page: KycSessionPageRequest,
): Promise<KycSessionPage> {
  requireSelfOr(principal, userId);
  if (!(await deps.users.current(userId))) throw new UserNotFoundError(userId);
  return deps.transactions.listKycSessions(userId, page);
}
