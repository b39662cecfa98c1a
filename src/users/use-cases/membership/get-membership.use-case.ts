import { NotFoundError } from "../../../platform/errors/app.errors.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { MembershipRepository } from "../../ports/membership.repository.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import { loadUser } from "../profile/load-user.query.ts";

export interface MembershipReadDeps {
  readonly users: UserRepository;
  readonly memberships: MembershipRepository;
}

/** GET /{user_id}/membership: the current record (404 before activation). */
export async function getMembership(
  deps: MembershipReadDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership> {
  requireSelfOr(principal, userId);
  const membership = await deps.memberships.current(userId);
  if (membership) return membership;
  await loadUser(deps.users, userId);
  throw new NotFoundError(`user ${userId} has no membership yet`);
}
