import * as z from "zod";
import {
  SignedJsonClient,
  type SignedJsonClientOptions,
  userPath,
} from "../../../platform/adapters/http/signed-json.client.ts";
import type { FloatService, OutstandingBalance } from "../../ports/float-service.port.ts";

export type FloatServiceHttpOptions = SignedJsonClientOptions;

/** The answer this client assumes: whole cents, never negative, ISO 4217. */
export const OutstandingBalanceAnswer = z.object({
  amount_cents: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

/**
 * The production client of the Float Service: an internal REST API behind API Gateway with IAM
 * authorization, every request SigV4-signed (`execute-api`). The contract assumed (relative to the base
 * URL, `{user_id}` percent-encoded): `GET users/{user_id}/outstanding-balance` -> 200
 * `{ amount_cents, currency }` (0 for a user who owes nothing or never took a float). Failures: no answer
 * within `timeoutMs`, no connection, 429, 503 or 504 -> UnavailableError (503); any other status or a
 * body outside the contract -> DependencyError (502). Neither repeats the service's answer, and nothing
 * but the operation and status is logged.
 */
export class FloatServiceHttpClient implements FloatService {
  readonly #http: SignedJsonClient;

  constructor(options: FloatServiceHttpOptions) {
    this.#http = new SignedJsonClient("the Float Service", options);
  }

  async outstandingBalance(userId: string): Promise<OutstandingBalance> {
    const answer = await this.#http.call({
      operation: "outstandingBalance",
      method: "GET",
      path: userPath(userId, "outstanding-balance"),
      expected: 200,
      schema: OutstandingBalanceAnswer,
    });
    return { amountCents: answer.amount_cents, currency: answer.currency };
  }
}
