import type { Operator } from "../domain/operator.ts";

/** A call to a Roster service's API (its path starts with the service's own segment, as on one port). */
export interface ApiCall {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** E.g. `/auth0%7C123/user/ban`, `/payments/charges/c_1/refunds`: segments already percent-encoded. */
  readonly path: string;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
}

/** What the service answered: its status and its JSON (a problem document for a refusal). */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The services' APIs, called as the signed-in operator: locally with the operator's token of the local
 * issuer, on AWS SigV4-signed with credentials of the operator's role assumed in their name.
 * A service that cannot be reached answers status 503 with a problem saying so.
 */
export interface RosterApi {
  call(operator: Operator, call: ApiCall): Promise<ApiAnswer>;
}
