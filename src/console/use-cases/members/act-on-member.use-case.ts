import { ForbiddenError, ValidationError } from "../../../platform/errors/app.errors.ts";
import type { AuditEntry } from "../../domain/audit-entry.ts";
import { type ActionInput, MEMBER_ACTIONS } from "../../domain/member-action.ts";
import { holds, type Operator } from "../../domain/operator.ts";
import type { ApiAnswer } from "../../ports/roster-api.port.ts";
import type { ConsoleDeps } from "../console.deps.ts";

/** The User Service keeps reasons of up to 500 characters; the console asks for the same. */
export const MAX_REASON = 500;

/**
 * One console action on a member: the operator's role must allow it and a reason must be given; the
 * service's API is called as the operator; what it answered (done, or refused with its problem) lands
 * in the audit trail either way, so a refused attempt is on the record too.
 */
export async function actOnMember(
  deps: Pick<ConsoleDeps, "actions" | "directory" | "audit" | "clock" | "ids">,
  operator: Operator,
  memberId: string,
  input: ActionInput,
  reasonGiven: string,
): Promise<{ readonly entry: AuditEntry; readonly answer: ApiAnswer }> {
  const spec = MEMBER_ACTIONS[input.action];
  if (!holds(operator, spec.role))
    throw new ForbiddenError(`${spec.label} needs the ${spec.role} role; ${operator.name} does not hold it`);
  const reason = reasonGiven.trim();
  if (reason.length === 0)
    throw new ValidationError([{ path: "reason", message: "say why: the reason goes into the audit trail" }]);
  if (reason.length > MAX_REASON)
    throw new ValidationError([{ path: "reason", message: `at most ${MAX_REASON} characters` }]);
  if (input.action === "refund") {
    const owner = await deps.directory.chargeOwner(operator, input.confirmationId);
    if (owner !== memberId)
      throw new ValidationError([{ path: "confirmation_id", message: "this member has no such charge" }]);
  }
  const id = deps.ids.next();
  const answer = await deps.actions.perform(operator, memberId, input, reason, `console-${id}`);
  const done = answer.status >= 200 && answer.status < 300;
  const entry: AuditEntry = {
    id,
    memberId,
    at: deps.clock.now().toISOString(),
    operatorId: operator.id,
    operatorName: operator.name,
    action: input.action,
    reason,
    details: detailsOf(input),
    outcome: done ? "done" : "refused",
    status: answer.status,
    problem: done ? undefined : problemTitle(answer.body),
  };
  await deps.audit.append(entry);
  return { entry, answer };
}

function detailsOf(input: ActionInput): AuditEntry["details"] {
  const { action: _action, ...rest } = input as ActionInput & Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, string | number | boolean] =>
      ["string", "number", "boolean"].includes(typeof entry[1]),
    ),
  );
}

/** The problem document's words: its detail, else its title. */
export function problemTitle(body: unknown): string {
  const problem = (body ?? {}) as { title?: unknown; detail?: unknown };
  if (typeof problem.detail === "string" && problem.detail.length > 0) return problem.detail;
  return typeof problem.title === "string" ? problem.title : "the service refused without saying why";
}
