import type { ActionInput } from "../../domain/member-action.ts";
import type { Operator } from "../../domain/operator.ts";
import type { MemberActions } from "../../ports/member-actions.port.ts";
import type { ApiAnswer, RosterApi } from "../../ports/roster-api.port.ts";
import { memberActionRequest } from "./member-action.requests.ts";

/** The console's actions as calls of the services' APIs (member-action.requests.ts), as the operator. */
export class HttpMemberActions implements MemberActions {
  readonly #api: RosterApi;

  constructor(api: RosterApi) {
    this.#api = api;
  }

  perform(
    operator: Operator,
    memberId: string,
    input: ActionInput,
    reason: string,
    idempotencyKey: string,
  ): Promise<ApiAnswer> {
    return this.#api.call(operator, memberActionRequest(memberId, input, reason, idempotencyKey));
  }
}
