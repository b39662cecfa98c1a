import type { OutboundAnswer } from "../../platform/adapters/http/outbound-http.ts";
import {
  SignedJsonClient,
  type SignedJsonClientOptions,
  userPath,
} from "../../platform/adapters/http/signed-json.client.ts";
import type {
  Charge,
  ChargeRequest,
  DebitCard,
  PaymentService,
  Refund,
  RefundRequest,
} from "../ports/payment-service.port.ts";
import { PaymentDeclinedError } from "../use-cases/payment.errors.ts";
import {
  ChargeAnswer,
  DebitCardAnswer,
  DeclineAnswer,
  ErrorAnswer,
  NO_ACTIVE_CARD_CODE,
  RefundAnswer,
} from "./payment-service.wire.ts";

export type PaymentServiceHttpOptions = SignedJsonClientOptions;

/**
 * The production client of the Payment Service: an internal REST API behind API Gateway with IAM
 * authorization, every request SigV4-signed (`execute-api`). The contract assumed (paths relative to the
 * base URL, ids percent-encoded; POSTs carry an `idempotency-key` header, and a repeated key answers the
 * first call's status and body without moving money again):
 *
 * | call | request | answer |
 * |---|---|---|
 * | charge | `POST users/{user_id}/charges` `{ amount_cents, currency, description }` | 201 `{ confirmation_id, status: CONFIRMED \| PENDING \| REFUNDED (a repeated key whose charge was refunded since), amount_cents, currency }`; 402 `{ code: "PAYMENT_DECLINED", decline_code: card_declined \| no_active_card }` |
 * | refund | `POST charges/{confirmation_id}/refunds` `{}` | 201 `{ refund_id, confirmation_id, amount_cents, currency }` (the whole charge; a refunded charge answers its refund) |
 * | activeDebitCard | `GET users/{user_id}/debit-card` | 200 `{ last4, brand }`; 404 `{ code: "NO_ACTIVE_CARD" }` |
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
      path: userPath(userId, "charges"),
      expected: 201,
      schema: ChargeAnswer,
      payload: { amount_cents: input.amountCents, currency: input.currency, description: input.description },
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
      path: `charges/${encodeURIComponent(confirmationId)}/refunds`,
      expected: 201,
      schema: RefundAnswer,
      payload: {},
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
        path: userPath(userId, "debit-card"),
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
