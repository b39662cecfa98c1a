import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { UserNotFoundError } from "../../domain/user.errors.ts";
import type {
  KycSession,
  KycSessionRequest,
  TransactionsService,
} from "../../ports/transactions-service.port.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { kycSessionStarted } from "../profile/user.events.ts";

export interface KycSessionsDeps extends AfterCommitDeps {
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
  const session = await deps.transactions.startKycSession(userId, input);
  // The Transactions Service committed it; its creation time is the event's time.
  await publishAfterCommit(deps, [kycSessionStarted(session, new Date(session.created_at))]);
  return session;
}
