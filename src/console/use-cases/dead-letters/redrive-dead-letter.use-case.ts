import { ForbiddenError, NotFoundError } from "../../../platform/errors/app.errors.ts";
import { holds, type Operator } from "../../domain/operator.ts";
import type { ConsoleDeps } from "../console.deps.ts";

/**
 * Sends a dead letter back to the worker that gave up on it (admins only: a redrive re-runs side
 * effects the worker makes idempotent, but deciding that the cause is fixed is theirs).
 */
export async function redriveDeadLetter(
  deps: Pick<ConsoleDeps, "deadLetters">,
  operator: Operator,
  id: string,
): Promise<number> {
  if (!holds(operator, "admin"))
    throw new ForbiddenError(`a redrive needs the admin role; ${operator.name} does not hold it`);
  const moved = await deps.deadLetters.redrive(id);
  if (moved === 0) throw new NotFoundError("no such dead letter, or it was already redriven");
  return moved;
}
