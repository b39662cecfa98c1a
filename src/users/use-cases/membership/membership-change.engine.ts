import { ConflictError } from "../../../platform/errors/app.errors.ts";
import { publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { MembershipOperation } from "../../domain/membership-lifecycle.ts";
import { ConcurrentUpdateError } from "../../domain/user.errors.ts";
import { VERSION_ATTEMPTS } from "../profile/retry-on-conflict.policy.ts";
import { answered, bestEffort, type Compensation } from "./membership-compensation.engine.ts";
import { type ChangeState, decideOn, type Loaded, loadChange, lostTo } from "./membership-decision.engine.ts";
import {
  type Facts,
  type MembershipChangeDeps,
  type WriteSteps,
  type Written,
  writeChange,
} from "./membership-write.engine.ts";

/**
 * The membership change engine: every lifecycle operation is one `MembershipChange`, run as authorize
 * -> load -> decide by the lifecycle table (403 / 409 before any call) -> guards -> external calls ->
 * write (one transaction) -> publish after the commit -> after-commit step. What differs between
 * operations is declared: their steps, and what the loser of a race does (`onConflict`).
 */

/**
 * When the write loses a race (`ConcurrentUpdateError`, another write came first):
 * - `retry`: the whole change runs again on the newer state (decide, guards, external calls, write), up to
 *   VERSION_ATTEMPTS in all: for changes whose calls are harmless to repeat, whose effects commute with
 *   any winner's. Should the table then refuse, `compensate` undoes the last calls and gives the answer.
 * - `redecide`: the external calls stand; the change is decided again on the newer state and written
 *   again if it still applies to the same membership record. When the table refuses or another record
 *   came first, `compensate` undoes the calls (best effort: a failure is logged, the refusal still goes
 *   out, the record is the winner's) and the caller gets 409.
 * - `lose`: the loser answers at once; `compensate` undoes the calls and gives the answer, or without one
 *   the write's 409 is the answer.
 */
export type ConflictPolicy = "retry" | "redecide" | "lose";

export type ChangeResult = Loaded;

/** One lifecycle operation, as the engine runs it. */
export interface MembershipChange<F extends Facts = Facts> {
  readonly operation: MembershipOperation;
  readonly onConflict: ConflictPolicy;
  /** Who may ask, before anything is read; by default the user themself, a service or an operator. */
  readonly authorize?: (principal: Principal | undefined, userId: string) => Principal;
  /**
   * The user and membership the caller already read for its own checks (`loadChange`), so a record
   * costs one read of each (issue 16); read here when absent. A race is still caught at the write.
   */
  readonly loaded?: Loaded;
  /**
   * Whether the current record is this very change, already written (asked before the table, which
   * would refuse it): then nothing is decided or written and only `afterCommit` runs again.
   */
  readonly repeats?: (loaded: Loaded) => boolean;
  /** Rules beyond the lifecycle table (balances, tags, limits); throws to refuse, before any call. */
  readonly guard?: (state: ChangeState) => Promise<void>;
  /** The external calls, in order, before anything is written. */
  readonly external?: (state: ChangeState) => Promise<F>;
  /** After the calls: whether what they did is recorded already (nothing is written then). */
  readonly recorded?: (state: ChangeState, facts: F) => Promise<boolean>;
  readonly write?: WriteSteps<F>;
  /** Undoes the external calls of a change that lost its race; returns the loser's answer if not the refusal. */
  readonly compensate?: Compensation<F>;
  /** After the commit and its events (the cleanup message); a failure is the caller's answer. */
  readonly afterCommit?: (result: ChangeResult) => Promise<void>;
}

export async function changeMembership<F extends Facts>(
  deps: MembershipChangeDeps,
  principal: Principal | undefined,
  userId: string,
  change: MembershipChange<F>,
): Promise<ChangeResult> {
  const caller = (change.authorize ?? requireSelfOr)(principal, userId);
  const loaded = change.loaded ?? (await loadChange(deps, userId));
  const written = change.repeats?.(loaded)
    ? { ...loaded, events: [] }
    : await run(deps, caller, change, loaded);
  await publishAfterCommit(deps, [...written.events]);
  const result = { user: written.user, membership: written.membership };
  await change.afterCommit?.(result);
  return result;
}

function run<F extends Facts>(
  deps: MembershipChangeDeps,
  caller: Principal,
  change: MembershipChange<F>,
  loaded: Loaded,
): Promise<Written> {
  if (change.onConflict === "retry") return retrying(deps, caller, change, loaded);
  if (change.onConflict === "redecide") return redeciding(deps, caller, change, loaded);
  return losing(deps, caller, change, loaded);
}

async function retrying<F extends Facts>(
  deps: MembershipChangeDeps,
  caller: Principal,
  change: MembershipChange<F>,
  loaded: Loaded,
): Promise<Written> {
  let called: { state: ChangeState; facts: F } | undefined;
  let current = loaded;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const { state, decision } = decideOn(current, caller, change.operation);
        await change.guard?.(state);
        const facts = await callOut(change, state);
        called = { state, facts };
        if (await change.recorded?.(state, facts)) {
          called = undefined;
          return { ...state, events: [] };
        }
        return await writeChange(deps, change.write ?? {}, state, decision, facts);
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError) || attempt >= VERSION_ATTEMPTS) throw error;
      }
      current = await loadChange(deps, current.user.user_id);
    }
  } catch (refusal) {
    if (!called || !(refusal instanceof ConflictError) || !change.compensate) throw refusal;
    throw await answered(deps, change.compensate, { ...called, refusal });
  }
}

async function redeciding<F extends Facts>(
  deps: MembershipChangeDeps,
  caller: Principal,
  change: MembershipChange<F>,
  loaded: Loaded,
): Promise<Written> {
  let { state, decision } = decideOn(loaded, caller, change.operation);
  await change.guard?.(state);
  const facts = await callOut(change, state);
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeChange(deps, change.write ?? {}, state, decision, facts);
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= VERSION_ATTEMPTS) throw error;
    }
    try {
      const before = state.membership?.membership_start_date;
      const newer = await loadChange(deps, state.user.user_id);
      ({ state, decision } = decideOn(newer, caller, change.operation, state.idempotencyKey));
      if (state.membership?.membership_start_date !== before) throw lostTo(state.membership);
    } catch (refusal) {
      const lost = { state, facts, refusal: refusal instanceof Error ? refusal : new Error(String(refusal)) };
      throw (await bestEffort(deps, change, lost)) ?? refusal;
    }
  }
}

async function losing<F extends Facts>(
  deps: MembershipChangeDeps,
  caller: Principal,
  change: MembershipChange<F>,
  loaded: Loaded,
): Promise<Written> {
  const { state, decision } = decideOn(loaded, caller, change.operation);
  await change.guard?.(state);
  const facts = await callOut(change, state);
  try {
    return await writeChange(deps, change.write ?? {}, state, decision, facts);
  } catch (conflict) {
    if (!(conflict instanceof ConcurrentUpdateError) || !change.compensate) throw conflict;
    throw await answered(deps, change.compensate, { state, facts, refusal: conflict });
  }
}

/** The external calls' facts; an operation without calls has none. */
async function callOut<F extends Facts>(change: MembershipChange<F>, state: ChangeState): Promise<F> {
  return change.external ? change.external(state) : ({} as F);
}
