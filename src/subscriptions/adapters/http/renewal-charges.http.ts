import {
  ChargeAnswer,
  type ChargeBody,
  DeclineAnswer,
  PAYMENT_PATHS,
} from "../../../contracts/payments/payments.http.ts";
import type { OutboundAnswer } from "../../../platform/adapters/http/outbound-http.ts";
import {
  SignedJsonClient,
  type SignedJsonClientOptions,
} from "../../../platform/adapters/http/signed-json.client.ts";
import type { RenewalCharge, RenewalCharges, RenewalOutcome } from "../../ports/renewal-charges.port.ts";

/**
 * The billing runner's client of Roster's Payment Service (`contracts/payments/payments.http.ts`):
 * on AWS its IAM REST API, SigV4-signed; locally its app in process with a service token. A renewal is
 * a RENEWAL charge of the subscription's cycle under the attempt's key. A 402 is a decline (its
 * `decline_code` the reason); no answer in time, 429, 503 or 504 is UnavailableError (the outcome is
 * not known: the attempt is repeated with the same key); anything else is DependencyError.
 */
export class RenewalChargesHttpClient implements RenewalCharges {
  readonly #http: SignedJsonClient;
  constructor(options: SignedJsonClientOptions) {
    this.#http = new SignedJsonClient("the Payment Service", options);
  }

  async charge(userId: string, charge: RenewalCharge): Promise<RenewalOutcome> {
    try {
      const answer = await this.#http.call({
        operation: "renewalCharge",
        method: "POST",
        path: PAYMENT_PATHS.charges(userId),
        expected: 201,
        schema: ChargeAnswer,
        payload: {
          amount_cents: charge.amountCents,
          currency: charge.currency,
          description: charge.description,
          kind: "RENEWAL",
          subscription_id: charge.subscriptionId,
          billing_cycle_id: charge.billingCycleId,
        } satisfies ChargeBody,
        idempotencyKey: charge.idempotencyKey,
        refuse: declined,
      });
      return { kind: "paid", confirmationId: answer.confirmation_id };
    } catch (error) {
      if (error instanceof Declined) return { kind: "declined", reason: error.reason };
      throw error;
    }
  }
}

/** The 402 that says "declined" (an answer, not a failure), carried out of the call. */
class Declined extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super("declined");
    this.reason = reason;
  }
}

function declined(answer: OutboundAnswer): Declined | undefined {
  if (answer.status !== 402) return undefined;
  const parsed = DeclineAnswer.safeParse(answer.body);
  return new Declined(parsed.success ? parsed.data.decline_code : "card_declined");
}
