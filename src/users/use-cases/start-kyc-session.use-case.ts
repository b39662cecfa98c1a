import { requireSelfOr } from "../../platform/identity/authorize.ts";
import type { Principal } from "../../platform/identity/principal.ts";
import type {
  KycSession,
  KycSessionRequest,
  TransactionsService,
} from "../ports/transactions-service.port.ts";
import type { UserRepository } from "../ports/user.repository.ts";
import { UserNotFoundError } from "./user.errors.ts";

export interface KycSessionsDeps {
  readonly users: UserRepository;
  readonly transactions: TransactionsService;
}

/**
 * Opens a KYC session for a user at the Transactions Service, which keeps it (seed 000): Roster writes
 * nothing, so a failing service leaves nothing behind. The user themself, a service or an operator.
 */
export async function startKycSession(
  deps: KycSessionsDeps,
  principal: Principal | undefined,
  userId: string,
  input: KycSessionRequest,
): Promise<KycSession> {
  requireSelfOr(principal, userId);
  if (!(await deps.users.current(userId))) throw new UserNotFoundError(userId);
  return deps.transactions.startKycSession(userId, input);
}
