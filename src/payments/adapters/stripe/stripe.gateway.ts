import Stripe from "stripe";
import type { DependencyLogger } from "../../../platform/adapters/http/outbound-http.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { GatewayRefusedError, InvalidWebhookSignatureError } from "../../domain/gateway.errors.ts";
import type {
  GatewayCharge,
  GatewayChargeRequest,
  GatewayCustomer,
  GatewayEvent,
  GatewayPaymentMethod,
  GatewayRefund,
  GatewayRefundRequest,
  PaymentGateway,
} from "../../ports/payment-gateway.port.ts";
import { declineReason, toGatewayEvent, toPaymentMethod, toRefund } from "./stripe.mapper.ts";
import { gatewayError, type StripeCall } from "./stripe-errors.mapper.ts";

export interface StripeGatewayConfig {
  /** `sk_...` or a restricted `rk_...`; never logged. */
  readonly apiKey: string;
  /** The webhook endpoint's `whsec_...`; never logged. */
  readonly webhookSecret: string;
  /** Tests only: the loopback fake (https://github.com/stripe/stripe-node#configuration). */
  readonly host?: string;
  readonly port?: number;
  readonly protocol?: "http" | "https";
  /** Per attempt; the SDK's default is 80 s, far beyond an API request's budget. */
  readonly timeoutMs?: number;
  /** The SDK retries connection errors, 409 and 5xx with the same idempotency key. */
  readonly maxNetworkRetries?: number;
  readonly clock?: Clock;
  readonly logger?: DependencyLogger;
}

/**
 * The Payment Service's gateway on Stripe (the `stripe` SDK). Every money-moving call carries the
 * caller's idempotency key, which Stripe keeps for at least 24 hours and which the SDK reuses on its own
 * retries (https://docs.stripe.com/api/idempotent_requests): a repeat answers the first outcome, and
 * the same key with other parameters is refused (`idempotency_mismatch`).
 */
export class StripeGateway implements PaymentGateway {
  readonly #stripe: Stripe;
  readonly #webhookSecret: string;
  readonly #clock: Clock;
  readonly #logger: DependencyLogger | undefined;

  constructor(config: StripeGatewayConfig) {
    this.#stripe = new Stripe(config.apiKey, {
      maxNetworkRetries: config.maxNetworkRetries ?? 2,
      timeout: config.timeoutMs ?? 10_000,
      telemetry: false,
      ...(config.host === undefined ? {} : { host: config.host }),
      ...(config.port === undefined ? {} : { port: config.port }),
      ...(config.protocol === undefined ? {} : { protocol: config.protocol }),
    });
    this.#webhookSecret = config.webhookSecret;
    this.#clock = config.clock ?? systemClock;
    this.#logger = config.logger;
  }

  /**
   * Stripe has no lookup by Roster's id, so this creates the customer with the key `customer:<userId>`:
   * a retried first call (a crash, a timeout) answers the same customer. Stripe forgets keys after 24
   * hours, so the caller keeps `ref` and calls this once per user; `metadata.user_id` lets a person (or
   * `customers.search`) find the customer from the user.
   */
  async customer(userId: string): Promise<GatewayCustomer> {
    const customer = await this.#call({ operation: "customer", missing: "unknown_customer" }, () =>
      this.#stripe.customers.create(
        { metadata: { user_id: userId } },
        { idempotencyKey: `customer:${userId}` },
      ),
    );
    return { ref: customer.id };
  }

  /** https://docs.stripe.com/api/payment_methods/attach: a `pm_card_*` test token gives a new `pm_` id. */
  async attachMethod(customerRef: string, token: string): Promise<GatewayPaymentMethod> {
    const method = await this.#call(
      { operation: "attachMethod", missing: "unknown_method", namesMethod: true },
      () => this.#stripe.paymentMethods.attach(token, { customer: customerRef }),
    );
    return toPaymentMethod(method);
  }

  async detachMethod(methodRef: string): Promise<void> {
    await this.#call({ operation: "detachMethod", missing: "unknown_method", namesMethod: true }, () =>
      this.#stripe.paymentMethods.detach(methodRef),
    );
  }

  /**
   * A PaymentIntent confirmed at once, off session (https://docs.stripe.com/payments/save-and-reuse#charge-saved-payment-method):
   * a decline is a 402 card error carrying the PaymentIntent; a card that needs 3D Secure cannot be
   * authenticated without the user, so `requires_action` is a decline `authentication_required`.
   */
  async charge(input: GatewayChargeRequest): Promise<GatewayCharge> {
    const call = { operation: "charge", missing: "unknown_method", namesMethod: true };
    try {
      const intent = await this.#stripe.paymentIntents.create(
        {
          amount: input.amountCents,
          currency: input.currency.toLowerCase(),
          customer: input.customerRef,
          payment_method: input.methodRef,
          off_session: true,
          confirm: true,
          description: input.description,
          metadata: { ...input.metadata },
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return chargeOf(intent);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        const reason = declineReason(error.decline_code, error.code);
        return { ref: error.payment_intent?.id, outcome: "declined", reason };
      }
      throw gatewayError(error, call, this.#logger);
    }
  }

  async refund(input: GatewayRefundRequest): Promise<GatewayRefund> {
    const refund = await this.#call({ operation: "refund", missing: "unknown_charge" }, () =>
      this.#stripe.refunds.create(
        { payment_intent: input.chargeRef, amount: input.amountCents },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return toRefund(refund);
  }

  /**
   * https://docs.stripe.com/webhooks#verify-events: the signature over the raw body, within the SDK's
   * default tolerance (300 s) of the injected clock.
   */
  async webhookEvent(payload: string, signature: string): Promise<GatewayEvent> {
    let event: Stripe.Event;
    try {
      const receivedAt = this.#clock.now().getTime();
      event = await this.#stripe.webhooks.constructEventAsync(
        payload,
        signature,
        this.#webhookSecret,
        undefined,
        undefined,
        receivedAt,
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError || error instanceof SyntaxError) {
        throw new InvalidWebhookSignatureError(
          "the Stripe webhook's signature does not verify, or is too old",
        );
      }
      throw error;
    }
    return toGatewayEvent(event);
  }

  async #call<T>(call: StripeCall, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw gatewayError(error, call, this.#logger);
    }
  }
}

function chargeOf(intent: Stripe.PaymentIntent): GatewayCharge {
  switch (intent.status) {
    case "succeeded":
      return { ref: intent.id, outcome: "succeeded" };
    case "processing":
      return { ref: intent.id, outcome: "processing" };
    case "requires_action":
      return { ref: intent.id, outcome: "declined", reason: "authentication_required" };
    case "requires_payment_method": {
      const failure = intent.last_payment_error;
      return {
        ref: intent.id,
        outcome: "declined",
        reason: declineReason(failure?.decline_code, failure?.code),
      };
    }
  }
  // requires_capture, requires_confirmation, canceled: not what a confirmed automatic-capture intent answers.
  throw new GatewayRefusedError(
    "unexpected_status",
    `charge: Stripe answered a PaymentIntent in status ${intent.status}`,
  );
}
