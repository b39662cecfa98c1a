import type { ActionInput } from "../domain/member-action.ts";
import type { Operator } from "../domain/operator.ts";
import type { ApiAnswer } from "./roster-api.port.ts";

/** Performs a console action through the API a service would call (adapters/http/member-action.requests.ts). */
export interface MemberActions {
  perform(
    operator: Operator,
    memberId: string,
    input: ActionInput,
    reason: string,
    idempotencyKey: string,
  ): Promise<ApiAnswer>;
}
