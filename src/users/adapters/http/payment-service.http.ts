import { createHash } from "node:crypto";
import {
  ChargeAnswer,
  type ChargeBody,
  DebitCardAnswer,
  DeclineAnswer,
  ErrorAnswer,
  NO_ACTIVE_CARD_CODE,
  NOT_REFUNDABLE_CODE,
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
  ChargeStatus,
  DebitCard,
  PaymentService,
  RefundRequest,
} from "../../ports/payment-service.port.ts";

export type PaymentServiceHttpOptions = SignedJsonClientOptions;

/**
 * The client of Roster's Payment Service, on both runtimes: on AWS its internal REST API behind API
 * Gateway with IAM authorization, every request SigV4-signed (`execute-api`); locally its app in
 * process with a service token. It speaks the Payment Service's contract
 * (`contracts/payments/payments.http.ts`: paths, bodies, idempotency keys); the base URL ends in the
 * service's own segment (`.../payments/`).
 *
 * A repeated key whose charge was charged back since answers REFUNDED (no money is held for it). A
 * refund of a charge with nothing left (422 `CHARGE_NOT_REFUNDABLE`, refunded in full or charged back)
 * succeeds: the money is already back.
 *
 * The Payment Service's idempotency keys are one space for all its callers, while ours may come from a
 * member's own `Idempotency-Key` header: each is sent scoped to its user (charges) or its charge
 * (refunds), so two members' keys never meet (`scopedKey`).
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
      idempotencyKey: scopedKey(userId, input.idempotencyKey),
      refuse: declined,
    });
    const status: ChargeStatus = answer.status === "CHARGED_BACK" ? "REFUNDED" : answer.status;
    return {
      confirmationId: answer.confirmation_id,
      status,
      amountCents: answer.amount_cents,
      currency: answer.currency,
    };
  }

  async refund(confirmationId: string, input: RefundRequest): Promise<void> {
    try {
      await this.#http.call({
        operation: "refund",
        method: "POST",
        path: PAYMENT_PATHS.refunds(confirmationId),
        expected: 201,
        schema: RefundAnswer,
        payload: {} satisfies RefundBody,
        idempotencyKey: scopedKey(confirmationId, input.idempotencyKey),
        refuse: (a) => (a.status === 422 && moneyIsBack(a) ? new AlreadyRefunded() : undefined),
      });
    } catch (error) {
      if (!(error instanceof AlreadyRefunded)) throw error;
    }
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

/**
 * `<scope>/<key>` while that is a valid key (printable ASCII, at most 255 characters), else a SHA-256
 * of both: the same operation always sends the same key, and no two scopes share one.
 */
export function scopedKey(scope: string, key: string): string {
  const readable = `${scope}/${key}`;
  if (/^[!-~]{1,255}$/.test(readable)) return readable;
  return `sha256:${createHash("sha256").update(`${scope}\n${key}`).digest("hex")}`;
}

/** The 404 that says "no card" (an answer, not a failure), carried out of the call. */
class NoCard extends Error {}

/** The 422 that says the money is already back (an answer, not a failure), carried out of the call. */
class AlreadyRefunded extends Error {}

function moneyIsBack(answer: OutboundAnswer): boolean {
  const parsed = ErrorAnswer.safeParse(answer.body);
  return (
    parsed.success &&
    parsed.data.code === NOT_REFUNDABLE_CODE &&
    (parsed.data.charge_status === "REFUNDED" || parsed.data.charge_status === "CHARGED_BACK")
  );
}

function declined(answer: OutboundAnswer): PaymentDeclinedError | undefined {
  if (answer.status !== 402) return undefined;
  const parsed = DeclineAnswer.safeParse(answer.body);
  return parsed.success ? new PaymentDeclinedError(parsed.data.decline_code) : undefined;
}

function isCode(answer: OutboundAnswer, code: string): boolean {
  const parsed = ErrorAnswer.safeParse(answer.body);
  return parsed.success && parsed.data.code === code;
}
