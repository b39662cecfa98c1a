import * as z from "zod";
import {
  SignedJsonClient,
  type SignedJsonClientOptions,
  userPath,
} from "../../../platform/adapters/http/signed-json.client.ts";
import type { UnderwritingDecision, UnderwritingService } from "../../ports/underwriting-service.port.ts";

export type UnderwritingServiceHttpOptions = SignedJsonClientOptions;

/** The answer this client assumes: a limit in whole cents, 0 when not eligible. */
export const UnderwritingDecisionAnswer = z
  .object({ eligible: z.boolean(), limit_cents: z.number().int().min(0) })
  .refine((d) => d.eligible || d.limit_cents === 0, { path: ["limit_cents"] });

/**
 * The production client of the Underwriting Service: an internal REST API behind API Gateway with IAM
 * authorization, every request SigV4-signed (`execute-api`). The contract assumed (relative to the base
 * URL, `{user_id}` percent-encoded): `POST users/{user_id}/recalculations` `{}` -> 200
 * `{ eligible, limit_cents }` (a fresh decision each time; no money moves, so no idempotency key).
 * Failures: no answer within `timeoutMs`, no connection, 429, 503 or 504 -> UnavailableError (503); any
 * other status or a body outside the contract -> DependencyError (502). Neither repeats the service's
 * answer, and nothing but the operation and status is logged.
 */
export class UnderwritingServiceHttpClient implements UnderwritingService {
  readonly #http: SignedJsonClient;

  constructor(options: UnderwritingServiceHttpOptions) {
    this.#http = new SignedJsonClient("the Underwriting Service", options);
  }

  async recalculate(userId: string): Promise<UnderwritingDecision> {
    const answer = await this.#http.call({
      operation: "recalculate",
      method: "POST",
      path: userPath(userId, "recalculations"),
      expected: 200,
      schema: UnderwritingDecisionAnswer,
      payload: {},
    });
    return { eligible: answer.eligible, limitCents: answer.limit_cents };
  }
}
