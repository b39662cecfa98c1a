import type { PreviewedChange } from "../../domain/member-action.ts";
import type { Operator } from "../../domain/operator.ts";
import type { MemberDirectory } from "../../ports/member-directory.port.ts";
import type { ApiAnswer } from "../../ports/roster-api.port.ts";

/**
 * What a change would do to the member now, before the operator makes it: the User Service's own
 * preview (the rules the change applies, the fee it would charge), read as the operator. Any role may
 * read it; the form that makes the change shows only for a role that may.
 */
export function previewChange(
  deps: { readonly directory: MemberDirectory },
  operator: Operator,
  memberId: string,
  change: PreviewedChange,
  tier?: string,
): Promise<ApiAnswer> {
  return deps.directory.preview(operator, memberId, change, tier);
}
