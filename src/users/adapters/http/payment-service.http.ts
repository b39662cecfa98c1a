import {
  ChargeAnswer,
  type ChargeBody,
  DebitCardAnswer,
  DeclineAnswer,
  ErrorAnswer,
  NO_ACTIVE_CARD_CODE,
  PAYMENT_PATHS,
  RefundAnswer,
  type RefundBody,
} from "../../../contracts/payments/payments.http.ts";
import type { OutboundAnswer } from "../../../platform/adapters/http/outbound-http.ts";
import {
  SignedJsonClient,
  type SignedJsonClientOptions,
} from "../../../platform/adapters/http/signed-json.client.ts";
import { PaymentDeclinedError } from "../../domain/payment.errors.ts";
import type {
  Charge,
  ChargeRequest,
  DebitCard,
  PaymentService,
  Refund,
  RefundRequest,
} from "../../ports/payment-service.port.ts";

export type PaymentServiceHttpOptions = SignedJsonClientOptions;

/**
 * The production client of the Payment Service: an internal REST API behind API Gateway with IAM
 * authorization, every request SigV4-signed (`execute-api`), speaking the Payment Service's contract
 * (`contracts/payments/payments.http.ts`: paths, bodies, idempotency keys).
 *
 * A 402 becomes PaymentDeclinedError (422) with our own words (an unknown `decline_code` reads as
 * `card_declined`). Failures: no answer within `timeoutMs`, no connection, 429, 503 or 504 ->
 * UnavailableError (503: a charge may have been made; repeat it with the same key); any other status
 * (a refund of an unknown charge's 404 included) or a body outside the contract -> DependencyError
 * (502). Neither repeats the service's answer, and nothing but the operation and status is logged.
 */
export class PaymentServiceHttpClient implements PaymentService {
  readonly #http: SignedJsonClient;

  constructor(options: PaymentServiceHttpOptions) {
    this.#http = new SignedJsonClient("the Payment Service", options);
  }

  async charge(userId: string, input: ChargeRequest): Promise<Charge> {
    const answer = await this.#http.call({
      operation: "charge",
      method: "POST",
      path: PAYMENT_PATHS.charges(userId),
      expected: 201,
      schema: ChargeAnswer,
      payload: {
        amount_cents: input.amountCents,
        currency: input.currency,
        description: input.description,
      } satisfies ChargeBody,
      idempotencyKey: input.idempotencyKey,
      refuse: declined,
    });
    return {
      confirmationId: answer.confirmation_id,
      status: answer.status,
      amountCents: answer.amount_cents,
      currency: answer.currency,
    };
  }

  async refund(confirmationId: string, input: RefundRequest): Promise<Refund> {
    const answer = await this.#http.call({
      operation: "refund",
      method: "POST",
      path: PAYMENT_PATHS.refunds(confirmationId),
      expected: 201,
      schema: RefundAnswer,
      payload: {} satisfies RefundBody,
      idempotencyKey: input.idempotencyKey,
    });
    return {
      refundId: answer.refund_id,
      confirmationId: answer.confirmation_id,
      amountCents: answer.amount_cents,
      currency: answer.currency,
    };
  }

  async activeDebitCard(userId: string): Promise<DebitCard | undefined> {
    try {
      const answer = await this.#http.call({
        operation: "activeDebitCard",
        method: "GET",
        path: PAYMENT_PATHS.debitCard(userId),
        expected: 200,
        schema: DebitCardAnswer,
        refuse: (a) => (a.status === 404 && isCode(a, NO_ACTIVE_CARD_CODE) ? new NoCard() : undefined),
      });
      return { last4: answer.last4, brand: answer.brand };
    } catch (error) {
      if (error instanceof NoCard) return undefined;
      throw error;
    }
  }
}

/** The 404 that says "no card" (an answer, not a failure), carried out of the call. */
class NoCard extends Error {}

function declined(answer: OutboundAnswer): PaymentDeclinedError | undefined {
  if (answer.status !== 402) return undefined;
  const parsed = DeclineAnswer.safeParse(answer.body);
  return parsed.success ? new PaymentDeclinedError(parsed.data.decline_code) : undefined;
}

function isCode(answer: OutboundAnswer, code: string): boolean {
  const parsed = ErrorAnswer.safeParse(answer.body);
  return parsed.success && parsed.data.code === code;
}
