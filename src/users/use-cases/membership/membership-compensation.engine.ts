import type { Membership } from "../../domain/membership.ts";
import type { MembershipOperation } from "../../domain/membership-lifecycle.ts";
import type { ChangeState } from "./membership-decision.engine.ts";
import type { Facts, MembershipChangeDeps } from "./membership-write.engine.ts";

/** The engine's compensation step: undoing the external calls of a change that lost its race. */

/** What a compensation knows of the race it lost. */
export interface LostRace<F extends Facts> {
  readonly state: ChangeState;
  readonly facts: F;
  /** The current record: the winner's. */
  readonly winner: Membership | undefined;
  /** The loser's answer unless the compensation gives another. */
  readonly refusal: Error;
}

/** Undoes the calls; returns the loser's answer when it is not the refusal. */
export type Compensation<F extends Facts> = (lost: LostRace<F>) => Promise<Error | undefined>;

type Lost<F extends Facts> = Omit<LostRace<F>, "winner">;

/** The compensation's answer, else the refusal; a failing compensation's error is the answer. */
export async function answered<F extends Facts>(
  deps: Pick<MembershipChangeDeps, "memberships">,
  compensate: Compensation<F>,
  lost: Lost<F>,
): Promise<Error> {
  const winner = await deps.memberships.current(lost.state.user.user_id);
  return (await compensate({ ...lost, winner })) ?? lost.refusal;
}

/** The compensation's answer, if any; a failure is logged and the refusal still goes out. */
export async function bestEffort<F extends Facts>(
  deps: Pick<MembershipChangeDeps, "memberships" | "logger">,
  change: { readonly operation: MembershipOperation; readonly compensate?: Compensation<F> },
  lost: Lost<F>,
): Promise<Error | undefined> {
  if (!change.compensate) return undefined;
  try {
    const winner = await deps.memberships.current(lost.state.user.user_id);
    return await change.compensate({ ...lost, winner });
  } catch (error) {
    // The 409 still goes out: the record is the winner's; this log is how an operator finds the residue.
    deps.logger.error("compensation after a lost race failed", {
      operation: change.operation,
      user_id: lost.state.user.user_id,
      error: error instanceof Error ? error.name : "unknown",
    });
    return undefined;
  }
}
