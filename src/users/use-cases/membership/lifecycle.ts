import { ConflictError, ForbiddenError } from "../../../platform/errors/app.errors.ts";
import type { DomainEvent } from "../../../platform/events/event-publisher.port.ts";
import { type AfterCommitDeps, publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { type Membership, nextMembership } from "../../domain/membership.ts";
import { decide, type MembershipOperation } from "../../domain/membership-lifecycle.ts";
import type { User } from "../../domain/user.ts";
import { nextVersion } from "../../domain/user-version.ts";
import type { FloatService } from "../../ports/float-service.port.ts";
import type { IdentityAccounts } from "../../ports/identity-accounts.port.ts";
import type { MembershipRepository } from "../../ports/membership.repository.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import type { PaymentService } from "../../ports/payment-service.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import type { TransactionsService } from "../../ports/transactions-service.port.ts";
import type { UnderwritingService } from "../../ports/underwriting-service.port.ts";
import type { UserRepository } from "../../ports/user.repository.ts";
import type { UserTagRepository } from "../../ports/user-tag.repository.ts";
import { loadUser } from "../profile/load-user.query.ts";
import { retryOnConflict } from "../profile/retry-on-conflict.policy.ts";
import { membershipChanged, userStatusChanged } from "./membership.events.ts";

/** The services of seed 000 that membership changes coordinate, each behind its port. */
export interface MembershipServices {
  readonly subscriptions: SubscriptionService;
  readonly payments: PaymentService;
  readonly floats: FloatService;
  readonly underwriting: UnderwritingService;
  readonly catalog: MembershipCatalog;
  readonly accounts: IdentityAccounts;
}

export interface LifecycleDeps extends AfterCommitDeps, MembershipServices {
  /** Tags too: a change can write the MEMBERSHIP_PAUSE_STATUS tag with its record. */
  readonly users: UserRepository & UserTagRepository;
  readonly memberships: MembershipRepository;
  readonly transactions: TransactionsService;
  readonly clock: Clock;
}

/** What an operation adds to the statuses the lifecycle table decides. */
export interface LifecycleChange {
  readonly user?: (current: User) => Partial<User>;
  readonly membership?: (current: Membership) => Partial<Membership>;
}

export interface LifecycleResult {
  readonly user: User;
  readonly membership: Membership | undefined;
}

/**
 * Load, decide by the lifecycle table, write: one transaction for the membership record and the user's
 * new version; a concurrent change is re-applied to the newer state (or refused by the table, 409).
 * A caller the table does not list gets 403; a state it does not allow, 409 naming the state.
 */
export async function runLifecycle(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
  operation: MembershipOperation,
  change: LifecycleChange = {},
): Promise<LifecycleResult> {
  const caller = requireSelfOr(principal, userId);
  const source = caller.kind === "user" ? "user" : `${caller.kind}:${caller.id}`;
  const result = await retryOnConflict(async () => {
    const user = await loadUser(deps.users, userId);
    const membership = await deps.memberships.current(userId);
    const decision = decide(operation, caller.kind, { userStatus: user.user_status, membership });
    if (!decision.ok)
      throw decision.forbidden ? new ForbiddenError(decision.reason) : new ConflictError(decision.reason);
    const now = deps.clock.now();
    const nextUser = decision.userStatus && nextUserVersion(user, decision.userStatus, change, now);
    const nextRecord =
      membership && decision.eventType && decision.membershipStatus !== undefined
        ? nextMembership(
            membership,
            {
              ...change.membership?.(membership),
              membership_status: decision.membershipStatus,
              membership_event_type: decision.eventType,
              membership_event_source: source,
            },
            now,
          )
        : undefined;
    const userChange = nextUser && {
      previous: user,
      next: nextUser,
      eventType: "USER_STATUS_CHANGED" as const,
    };
    if (nextRecord) await deps.memberships.save(membership, nextRecord, userChange);
    else if (nextUser) await deps.users.saveVersion(user, nextUser, "USER_STATUS_CHANGED");
    const events: DomainEvent[] = [
      ...(nextRecord ? [membershipChanged(nextRecord, now)] : []),
      ...(nextUser ? [userStatusChanged(user, nextUser, now)] : []),
    ];
    return { user: nextUser ?? user, membership: nextRecord ?? membership, events };
  });
  await publishAfterCommit(deps, result.events);
  return { user: result.user, membership: result.membership };
}

function nextUserVersion(
  user: User,
  status: User["user_status"] | "previous",
  change: LifecycleChange,
  now: Date,
): User {
  const restored = status === "previous" ? (user.user_status_before_investigation ?? "ACTIVE") : status;
  const next = nextVersion(user, { ...change.user?.(user), user_status: restored }, now);
  if (status !== "previous") return next;
  const { user_status_before_investigation: _cleared, user_status_reason: _reason, ...rest } = next;
  return rest;
}
